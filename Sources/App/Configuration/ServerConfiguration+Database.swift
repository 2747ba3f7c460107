import Foundation
import Storage

/// The engine `DISCOGS_MCP_DATABASE` names: a file path (SQLite, the default) or a `postgres://` URL.
extension ServerConfiguration {
    /// Connections in each instance's PostgreSQL pool (several instances share the server's `max_connections`).
    var postgresPoolSize: Int { 20 }

    /// Whether the setting is a PostgreSQL URL rather than a file path.
    static func namesPostgres(_ value: String) -> Bool {
        let lowered = value.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// The parsed setting; a malformed URL is a configuration error naming the problem.
    func databaseLocation() throws(ConfigurationError) -> DatabaseLocation {
        do {
            return try DatabaseLocation(databasePath)
        } catch {
            throw ConfigurationError(
                setting: Setting.database.name,
                value: Self.namesPostgres(databasePath) ? "(a PostgreSQL URL)" : databasePath,
                problem: "\(error)"
            )
        }
    }

    /// Checks the setting at start-up: a file's folder must be writable; a URL must parse, and every
    /// instance on it must share `DISCOGS_MCP_SECRET` (a secret generated per machine would make
    /// one instance's sealed credentials unreadable to the next).
    static func checkDatabase(_ value: String, secret: String?) throws(ConfigurationError) {
        guard namesPostgres(value) else { return try checkWritable(value) }
        do {
            _ = try DatabaseLocation(value)
        } catch {
            throw ConfigurationError(setting: Setting.database.name, value: "(a PostgreSQL URL)", problem: "\(error)")
        }
        guard let secret, !secret.isEmpty else {
            throw ConfigurationError(
                setting: "DISCOGS_MCP_SECRET",
                value: "",
                problem:
                    "must be set when DISCOGS_MCP_DATABASE is a PostgreSQL URL: every instance must seal and open credentials with the same secret"
            )
        }
    }

    /// Where the generated secret would live: beside the SQLite file, or `./data` for PostgreSQL.
    static func dataFolder(forDatabase value: String) -> String {
        namesPostgres(value) ? "./data" : URL(fileURLWithPath: value).deletingLastPathComponent().path
    }
}
