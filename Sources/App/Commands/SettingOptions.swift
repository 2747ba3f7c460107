import ArgumentParser
import Foundation

/// Command-line flags for every setting that may appear on a command line.
///
/// Each flag overrides the environment variable and the config file entry of the same setting.
struct SettingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(Setting.configFile.help, valueName: "path")) var config: String?
    @Option(help: ArgumentHelp(Setting.host.help + " [env DISCOGS_MCP_HOST, default 127.0.0.1]")) var host: String?
    @Option(help: ArgumentHelp(Setting.port.help + " [env DISCOGS_MCP_PORT, default 8080]")) var port: String?
    @Option(help: ArgumentHelp(Setting.publicURL.help + " [env DISCOGS_MCP_PUBLIC_URL]", valueName: "url")) var publicURL: String?
    @Option(help: ArgumentHelp(Setting.database.help + " [env DISCOGS_MCP_DATABASE]", valueName: "path")) var database: String?
    @Option(help: ArgumentHelp(Setting.allowedOrigins.help + " [env DISCOGS_MCP_ALLOWED_ORIGINS]", valueName: "origins")) var allowedOrigins: String?
    @Option(help: ArgumentHelp(Setting.maxBodyBytes.help + " [env DISCOGS_MCP_MAX_BODY_BYTES, default 1048576]", valueName: "bytes")) var maxBodyBytes: String?
    @Option(help: ArgumentHelp(Setting.maxSessions.help + " [env DISCOGS_MCP_MAX_SESSIONS, default 10000]", valueName: "count")) var maxSessions: String?
    @Option(help: ArgumentHelp(Setting.sessionIdleSeconds.help + " [env DISCOGS_MCP_SESSION_IDLE_SECONDS, default 3600]", valueName: "seconds"))
    var sessionIdleSeconds: String?
    @Option(help: ArgumentHelp(Setting.keepAliveSeconds.help + " [env DISCOGS_MCP_KEEP_ALIVE_SECONDS, default 15]", valueName: "seconds"))
    var keepAliveSeconds: String?
    @Option(help: ArgumentHelp(Setting.logLevel.help + " [env DISCOGS_MCP_LOG_LEVEL, default info]", valueName: "level")) var logLevel: String?
    @Option(help: ArgumentHelp(Setting.logFormat.help + " [env DISCOGS_MCP_LOG_FORMAT, default json]", valueName: "format")) var logFormat: String?
    @Option(help: ArgumentHelp(Setting.logRetentionDays.help + " [env DISCOGS_MCP_LOG_RETENTION_DAYS, default 7]", valueName: "days"))
    var logRetentionDays: String?
    @Option(help: ArgumentHelp(Setting.logMaxRows.help + " [env DISCOGS_MCP_LOG_MAX_ROWS, default 100000]", valueName: "rows")) var logMaxRows: String?
    @Option(help: ArgumentHelp(Setting.metricsEnabled.help + " [env DISCOGS_MCP_METRICS_ENABLED, default true]", valueName: "bool"))
    var metricsEnabled: String?
    @Option(help: ArgumentHelp(Setting.metricsPort.help + " [env DISCOGS_MCP_METRICS_PORT]", valueName: "port")) var metricsPort: String?
    @Option(help: ArgumentHelp(Setting.rateLimit.help + " [env DISCOGS_MCP_RATE_LIMIT_PER_MINUTE, default 600]", valueName: "count"))
    var rateLimitPerMinute: String?
    @Option(help: ArgumentHelp(Setting.toolCallLimit.help + " [env DISCOGS_MCP_TOOL_CALLS_PER_MINUTE, default 120]", valueName: "count"))
    var toolCallsPerMinute: String?
    @Option(help: ArgumentHelp(Setting.ipRateLimit.help + " [env DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE, default 300]", valueName: "count"))
    var ipRateLimitPerMinute: String?
    @Option(help: ArgumentHelp(Setting.shutdownGraceSeconds.help + " [env DISCOGS_MCP_SHUTDOWN_GRACE_SECONDS, default 10]", valueName: "seconds"))
    var shutdownGraceSeconds: String?
    @Option(name: .customLong("discogs-api-url"), help: ArgumentHelp(Setting.apiURL.help + " [env DISCOGS_API_URL]", valueName: "url"))
    var discogsAPIURL: String?
    @Option(help: ArgumentHelp(Setting.webURL.help + " [env DISCOGS_WEB_URL]", valueName: "url")) var discogsWebURL: String?
    @Option(help: ArgumentHelp(Setting.userAgent.help + " [env DISCOGS_USER_AGENT]", valueName: "text")) var userAgent: String?

    /// The flags that were given, keyed by setting name.
    var given: [String: String] {
        let pairs: [(Setting, String?)] = [
            (.configFile, config), (.host, host), (.port, port), (.publicURL, publicURL), (.database, database),
            (.allowedOrigins, allowedOrigins), (.maxBodyBytes, maxBodyBytes), (.maxSessions, maxSessions),
            (.sessionIdleSeconds, sessionIdleSeconds), (.keepAliveSeconds, keepAliveSeconds), (.logLevel, logLevel),
            (.logFormat, logFormat), (.logRetentionDays, logRetentionDays), (.logMaxRows, logMaxRows), (.metricsPort, metricsPort), (.metricsEnabled, metricsEnabled),
            (.rateLimit, rateLimitPerMinute), (.toolCallLimit, toolCallsPerMinute), (.ipRateLimit, ipRateLimitPerMinute),
            (.shutdownGraceSeconds, shutdownGraceSeconds),
            (.apiURL, discogsAPIURL), (.webURL, discogsWebURL), (.userAgent, userAgent),
        ]
        var result: [String: String] = [:]
        for (setting, value) in pairs {
            if let value { result[setting.name] = value }
        }
        return result
    }

    /// Resolves the configuration, or prints the offending setting to stderr and exits non-zero.
    func resolve() throws -> ServerConfiguration {
        do {
            return try ServerConfiguration.resolve(flags: given, environment: ProcessInfo.processInfo.environment)
        } catch {
            StandardError.print("discogs-mcp: \(error)")
            throw ExitCode(78)
        }
    }
}
