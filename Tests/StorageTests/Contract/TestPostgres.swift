import Foundation
import Logging
import PostgresNIO
import Storage

/// A fresh database per test on the cluster `scripts/test` starts (`DISCOGS_MCP_TEST_POSTGRES_URL`).
///
/// Without that variable the PostgreSQL tests fail with a message saying how to start one: they are
/// never skipped.
enum TestPostgres {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String {
            "DISCOGS_MCP_TEST_POSTGRES_URL is not set: run ./scripts/test, or eval \"$(scripts/postgres-cluster start)\" before swift test"
        }
    }

    /// Warnings and worse only: a client cancelled at the end of a test reports its unfinished
    /// connection attempts at info level, which is noise here.
    static let logger: Logger = {
        var logger = Logger(label: "discogs-mcp.tests.postgres")
        logger.logLevel = .warning
        return logger
    }()

    static func settings() throws -> PostgresSettings {
        guard let url = ProcessInfo.processInfo.environment["DISCOGS_MCP_TEST_POSTGRES_URL"], !url.isEmpty else { throw Unavailable() }
        var settings = try PostgresSettings(url: url)
        settings.tls = .disable
        return settings
    }

    /// Creates an empty database, runs its client, migrates it, hands it to `body`, then drops it.
    static func withDatabase(migrate: Bool = true, _ body: (PostgresStorage) async throws -> Void) async throws {
        let admin = try settings()
        let name = "contract_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await withAdmin(admin) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        var settings = admin
        settings.database = name
        do {
            try await withRunning(settings) { database in
                if migrate { try await database.migrate() }
                try await body(database)
            }
        } catch {
            try? await drop(name, admin)
            throw error
        }
        try await drop(name, admin)
    }

    /// Runs a client for `settings` (its `run()` in a child task) around `body`.
    static func withRunning<T: Sendable>(_ settings: PostgresSettings, _ body: (PostgresStorage) async throws -> T) async throws -> T {
        let database = PostgresStorage(settings: settings, maximumConnections: 8, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.client.run() }
            let result = try await body(database)
            group.cancelAll()
            return result
        }
    }

    private static func withAdmin(_ settings: PostgresSettings, _ body: (PostgresClient) async throws -> Void) async throws {
        try await withRunning(settings) { database in try await body(database.client) }
    }

    private static func drop(_ name: String, _ admin: PostgresSettings) async throws {
        try await withAdmin(admin) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }
}
