import Discogs
import DiscogsSandbox
import Foundation
import MCP
import Storage
import Tools

/// A sandbox Discogs on an ephemeral port, a real `DiscogsClient` pointed at it, and a caller
/// signed in as the sample collector: what a tool sees in production, minus the network.
struct SandboxHarness {
    let server: FakeDiscogsServer
    let client: DiscogsClient
    let database: Database
    let environment: DiscogsToolEnvironment
    var state: FakeDiscogsState { server.state }

    static let caller = Caller(
        principalID: "user:sandbox",
        kind: "oauth",
        displayName: "sandbox_collector",
        scopes: ["read", "write", "marketplace"]
    )
    static let account = DiscogsAccount(username: "sandbox_collector", credential: .personalToken(SampleAccount.personalToken))

    /// A tool context for the signed-in sample collector (or `caller`).
    static func context(_ caller: Caller = SandboxHarness.caller, progress: ProgressReporter = .disabled) -> ToolContext {
        ToolContext(caller: caller, revision: .v2025_11_25, transport: .streamableHTTP, progress: progress)
    }

    /// Starts a sandbox with `options`, runs `body`, then stops everything.
    static func with<T>(
        _ options: SampleAccount.Options = SampleAccount.Options(collectionSize: 120, wantlistSize: 12),
        behaviour: FakeBehaviour = FakeBehaviour(),
        _ body: (SandboxHarness) async throws -> T
    ) async throws -> T {
        let server = try await FakeDiscogsServer.startSandbox(options, behaviour: behaviour)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tools-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try Database(path: directory.appendingPathComponent("test.sqlite").path)
        guard let url = URL(string: server.baseURL) else { preconditionFailure("bad sandbox URL") }
        let configuration = DiscogsConfiguration(
            apiURL: url,
            webURL: url,
            userAgent: "discogs-mcp-tests/1.0",
            consumerKey: SampleAccount.consumerKey,
            consumerSecret: SampleAccount.consumerSecret
        )
        let client = DiscogsClient(configuration: configuration, cache: SQLiteResponseCacheRepository(database: database))
        let environment = DiscogsToolEnvironment(
            api: client,
            accounts: FixedAccountResolver([caller.principalID: account]),
            publicCredential: .application
        )
        let harness = SandboxHarness(server: server, client: client, database: database, environment: environment)
        do {
            let result = try await body(harness)
            try? await client.shutdown()
            await server.stop()
            return result
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
    }
}
