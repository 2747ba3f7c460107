import Discogs
import DiscogsSandbox
import Foundation
import Logging

/// Where this process's Discogs calls go: Discogs itself, or the sandbox it started.
///
/// Resolved before the application is built, because the sandbox must be listening (and its port
/// known) before the client's configuration can point at it.
struct DiscogsBackend: Sendable {
    /// The client configuration to use: the configured one, or one aimed at the sandbox.
    let configuration: DiscogsConfiguration
    /// The running sandbox, stopped with the server.
    let sandbox: FakeDiscogsServer?

    /// Discogs as configured, with no sandbox (also what in-process tests use).
    static func direct(_ configuration: DiscogsConfiguration) -> DiscogsBackend {
        DiscogsBackend(configuration: configuration, sandbox: nil)
    }

    /// Starts the sandbox when the configuration asks for one.
    static func start(_ configuration: ServerConfiguration, logger: Logger) async throws -> DiscogsBackend {
        guard let settings = configuration.sandbox else { return .direct(configuration.discogs) }
        let options = SampleAccount.Options(collectionSize: settings.collectionSize)
        var behaviour = FakeBehaviour()
        behaviour.authenticatedLimit = configuration.discogs.governor.authenticatedLimit
        behaviour.anonymousLimit = configuration.discogs.governor.anonymousLimit
        let server: FakeDiscogsServer
        // The sandbox's own HTTP server logs routine events (start, cancellation on stop) as errors;
        // only critical ones belong in the operator's log.
        var sandboxLogger = logger
        sandboxLogger.logLevel = .critical
        do {
            server = try await FakeDiscogsServer.startSandbox(
                options,
                behaviour: behaviour,
                port: settings.port,
                controlToken: settings.controlToken,
                logger: sandboxLogger
            )
        } catch {
            throw ConfigurationError(
                setting: Setting.sandboxPort.name,
                value: String(settings.port),
                problem: "the sandbox Discogs could not listen: \(error)"
            )
        }
        guard let url = URL(string: server.baseURL) else {
            throw ConfigurationError(
                setting: Setting.sandboxPort.name,
                value: String(settings.port),
                problem: "the sandbox address \(server.baseURL) is not a URL"
            )
        }
        var discogs = configuration.discogs
        discogs.apiURL = url
        discogs.webURL = url
        discogs.consumerKey = SampleAccount.consumerKey
        discogs.consumerSecret = SampleAccount.consumerSecret
        logger.notice(
            "SANDBOX mode: a generated Discogs account is served in-process; no real Discogs account is used",
            metadata: ["sandbox_url": "\(server.baseURL)", "username": "\(options.username)", "collection_size": "\(settings.collectionSize)"]
        )
        return DiscogsBackend(configuration: discogs, sandbox: server)
    }

    /// Image origins `fetch_image` trusts without the public-address check: the sandbox's own (loopback).
    var trustedImageOrigins: [String] {
        sandbox.map { [$0.baseURL] } ?? []
    }

    /// The personal token a single-user process acts with: the configured one, or in the sandbox
    /// (stdio, where nobody can sign in) the sample account's.
    func personalToken(forStdio stdio: Bool) -> String? {
        if let token = configuration.personalToken { return token }
        return stdio && sandbox != nil ? SampleAccount.personalToken : nil
    }
}
