import Foundation
import Logging
import Storage

/// The parsers of the listener and logging settings (one per group; see `ServerConfiguration.resolve`).
extension ServerConfiguration {
    /// Where the HTTP server listens and the URL it advertises.
    struct Listener {
        var host: String
        var port: Int
        var tls: TLSFiles?
        var publicURL: URL
    }

    /// `DISCOGS_MCP_HOST`, `_PORT`, the TLS pair and `_PUBLIC_URL` (default `http(s)://HOST:PORT`, no trailing slash).
    static func resolveListener(_ source: SettingsSource) throws(ConfigurationError) -> Listener {
        let host = source.text(.host)
        let port = try source.integer(.port, in: 1...65535)
        let tls = try resolveTLS(source)
        let publicURLText = source[.publicURL] ?? "\(tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        var publicURL = try source.url(.publicURL, publicURLText)
        if publicURL.absoluteString.hasSuffix("/"), let trimmed = URL(string: String(publicURL.absoluteString.dropLast())) {
            publicURL = trimmed
        }
        return Listener(host: host, port: port, tls: tls, publicURL: publicURL)
    }

    /// What is logged, how, and for how long the log table keeps it.
    struct LoggingSettings {
        var level: Logger.Level
        var format: LogFormat
        var retention: LogSink.Retention
    }

    /// `DISCOGS_MCP_LOG_LEVEL`, `_LOG_FORMAT`, `_LOG_RETENTION_DAYS` and `_LOG_MAX_ROWS`.
    static func resolveLogging(_ source: SettingsSource) throws(ConfigurationError) -> LoggingSettings {
        let levelText = source.text(.logLevel).lowercased()
        guard let level = Logger.Level(rawValue: levelText) else {
            throw ConfigurationError(
                setting: Setting.logLevel.name,
                value: levelText,
                problem: "must be one of trace, debug, info, notice, warning, error, critical"
            )
        }
        let formatText = source.text(.logFormat).lowercased()
        guard let format = LogFormat(rawValue: formatText) else {
            throw ConfigurationError(setting: Setting.logFormat.name, value: formatText, problem: "must be json or logfmt")
        }
        let retention = LogSink.Retention(
            maximumAge: .seconds(try source.integer(.logRetentionDays, in: 1...3650) * 86_400),
            maximumRows: try source.integer(.logMaxRows, in: 100...100_000_000)
        )
        return LoggingSettings(level: level, format: format, retention: retention)
    }
}
