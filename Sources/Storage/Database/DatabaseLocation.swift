import Foundation

/// Where the server keeps its state, chosen by the one `DISCOGS_MCP_DATABASE` setting.
///
/// A file path means SQLite (the default: one file, no server to run); a `postgres://` or
/// `postgresql://` URL means PostgreSQL, which lets several instances share one service.
public enum DatabaseLocation: Sendable, Hashable {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    /// Reads a setting value; `environment` supplies the usual `PG*` variables for a PostgreSQL URL.
    public init(_ value: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let lowered = value.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(try PostgresSettings(url: value, environment: environment))
        } else {
            self = .sqlite(path: value)
        }
    }

    /// The engine's name, as `/readyz` and the start-up log report it.
    public var engine: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }
}
