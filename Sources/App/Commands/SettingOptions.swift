import ArgumentParser
import Foundation

/// Command-line flags for every setting that may appear on a command line.
///
/// Each flag overrides the environment variable and the config file entry of the same setting.
struct SettingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(Setting.configFile.flagHelp, valueName: "path")) var config: String?
    @Option(help: ArgumentHelp(Setting.host.flagHelp)) var host: String?
    @Option(help: ArgumentHelp(Setting.port.flagHelp)) var port: String?
    @Option(help: ArgumentHelp(Setting.publicURL.flagHelp, valueName: "url")) var publicURL: String?
    @Option(help: ArgumentHelp(Setting.database.flagHelp, valueName: "path")) var database: String?
    @Option(help: ArgumentHelp(Setting.allowedOrigins.flagHelp, valueName: "origins")) var allowedOrigins: String?
    @Option(help: ArgumentHelp(Setting.allowedHosts.flagHelp, valueName: "hosts")) var allowedHosts: String?
    @Option(help: ArgumentHelp(Setting.trustedProxies.flagHelp, valueName: "addresses")) var trustedProxies: String?
    @Option(help: ArgumentHelp(Setting.maxBodyBytes.flagHelp, valueName: "bytes")) var maxBodyBytes: String?
    @Option(help: ArgumentHelp(Setting.maxSessions.flagHelp, valueName: "count")) var maxSessions: String?
    @Option(help: ArgumentHelp(Setting.sessionIdleSeconds.flagHelp, valueName: "seconds"))
    var sessionIdleSeconds: String?
    @Option(help: ArgumentHelp(Setting.keepAliveSeconds.flagHelp, valueName: "seconds"))
    var keepAliveSeconds: String?
    @Option(help: ArgumentHelp(Setting.logLevel.flagHelp, valueName: "level")) var logLevel: String?
    @Option(help: ArgumentHelp(Setting.logFormat.flagHelp, valueName: "format")) var logFormat: String?
    @Option(help: ArgumentHelp(Setting.logRetentionDays.flagHelp, valueName: "days"))
    var logRetentionDays: String?
    @Option(help: ArgumentHelp(Setting.logMaxRows.flagHelp, valueName: "rows")) var logMaxRows: String?
    @Option(help: ArgumentHelp(Setting.metricsEnabled.flagHelp, valueName: "bool"))
    var metricsEnabled: String?
    @Option(help: ArgumentHelp(Setting.metricsPort.flagHelp, valueName: "port")) var metricsPort: String?
    @Option(help: ArgumentHelp(Setting.rateLimit.flagHelp, valueName: "count"))
    var rateLimitPerMinute: String?
    @Option(help: ArgumentHelp(Setting.toolCallLimit.flagHelp, valueName: "count"))
    var toolCallsPerMinute: String?
    @Option(help: ArgumentHelp(Setting.ipRateLimit.flagHelp, valueName: "count"))
    var ipRateLimitPerMinute: String?
    @Option(help: ArgumentHelp(Setting.shutdownGraceSeconds.flagHelp, valueName: "seconds"))
    var shutdownGraceSeconds: String?
    @Option(name: .customLong("discogs-api-url"), help: ArgumentHelp(Setting.apiURL.flagHelp, valueName: "url"))
    var discogsAPIURL: String?
    @Option(help: ArgumentHelp(Setting.webURL.flagHelp, valueName: "url")) var discogsWebURL: String?
    @Option(help: ArgumentHelp(Setting.userAgent.flagHelp, valueName: "text")) var userAgent: String?
    @Option(help: ArgumentHelp(Setting.discogsRequestsPerMinute.flagHelp, valueName: "count"))
    var discogsRequestsPerMinute: String?
    @Flag(inversion: .prefixedNo, help: ArgumentHelp("Force the sandbox Discogs on (--sandbox) or off (--no-sandbox). " + Setting.sandbox.flagHelp))
    var sandbox: Bool?
    @Option(help: ArgumentHelp(Setting.sandboxCollectionSize.flagHelp, valueName: "count"))
    var sandboxCollectionSize: String?
    @Option(help: ArgumentHelp(Setting.sandboxPort.flagHelp, valueName: "port")) var sandboxPort: String?
    @Option(help: ArgumentHelp(Setting.collectionRefreshSeconds.flagHelp, valueName: "seconds"))
    var collectionRefreshSeconds: String?
    @Option(help: ArgumentHelp(Setting.toolsets.flagHelp, valueName: "names")) var toolsets: String?
    @Option(help: ArgumentHelp(Setting.defaultScopes.flagHelp, valueName: "scopes")) var defaultScopes: String?
    @Option(help: ArgumentHelp(Setting.allowedUsers.flagHelp, valueName: "usernames")) var allowedUsers: String?
    @Option(help: ArgumentHelp(Setting.loginLinkSeconds.flagHelp, valueName: "seconds")) var loginLinkSeconds: String?
    @Option(help: ArgumentHelp(Setting.loginStartsPerHour.flagHelp, valueName: "count")) var loginStartsPerHour: String?
    @OptionGroup var limits: LimitOptions
    @OptionGroup var delivery: DeliveryOptions

    /// The flags that were given, keyed by setting name.
    var given: [String: String] {
        let pairs: [(Setting, String?)] = [
            (.configFile, config), (.host, host), (.port, port), (.publicURL, publicURL), (.database, database),
            (.allowedOrigins, allowedOrigins), (.allowedHosts, allowedHosts), (.trustedProxies, trustedProxies), (.maxBodyBytes, maxBodyBytes), (.maxSessions, maxSessions),
            (.sessionIdleSeconds, sessionIdleSeconds), (.keepAliveSeconds, keepAliveSeconds), (.logLevel, logLevel),
            (.logFormat, logFormat), (.logRetentionDays, logRetentionDays), (.logMaxRows, logMaxRows), (.metricsPort, metricsPort), (.metricsEnabled, metricsEnabled),
            (.rateLimit, rateLimitPerMinute), (.toolCallLimit, toolCallsPerMinute), (.ipRateLimit, ipRateLimitPerMinute),
            (.shutdownGraceSeconds, shutdownGraceSeconds),
            (.apiURL, discogsAPIURL), (.webURL, discogsWebURL), (.userAgent, userAgent),
            (.discogsRequestsPerMinute, discogsRequestsPerMinute), (.sandbox, sandbox.map { $0 ? "on" : "off" }),
            (.sandboxCollectionSize, sandboxCollectionSize), (.sandboxPort, sandboxPort), (.collectionRefreshSeconds, collectionRefreshSeconds),
            (.toolsets, toolsets),
            (.defaultScopes, defaultScopes), (.allowedUsers, allowedUsers), (.loginLinkSeconds, loginLinkSeconds),
            (.loginStartsPerHour, loginStartsPerHour),
        ]
        var result = limits.given.merging(delivery.given) { first, _ in first }
        for (setting, value) in pairs {
            if let value { result[setting.name] = value }
        }
        return result
    }

    /// Resolves the configuration, or prints the offending setting to stderr and exits non-zero.
    /// `stdio` picks the stdio command's default data folder.
    func resolve(stdio: Bool = false) throws -> ServerConfiguration {
        do {
            return try ServerConfiguration.resolve(flags: given, environment: ProcessInfo.processInfo.environment, stdio: stdio)
        } catch {
            StandardError.print("discogs-mcp: \(error)")
            throw ExitCode(78)
        }
    }
}
