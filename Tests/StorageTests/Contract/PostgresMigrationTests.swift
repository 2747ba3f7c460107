import Foundation
import Storage
import Testing

/// What only PostgreSQL has: several instances migrating one database, and the URL setting.
@Suite("PostgreSQL: migrations under an advisory lock, settings from a URL")
struct PostgresMigrationTests {
    @Test("instances migrating one empty database at once apply each migration exactly once")
    func concurrentMigrations() async throws {
        try await TestPostgres.withDatabase(migrate: false) { first in
            #expect(try await first.appliedMigrations() == [])
            let settings = first.settings
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await TestPostgres.withRunning(settings) { try await $0.migrate() } }
                }
                group.addTask { try await first.migrate() }
                try await group.waitForAll()
            }
            #expect(try await first.appliedMigrations() == PostgresStorage.knownMigrations.sorted())
            try await first.migrate()
            #expect(try await first.appliedMigrations().count == PostgresStorage.knownMigrations.count)
        }
    }

    @Test("DISCOGS_MCP_DATABASE: a path is SQLite, a postgres URL PostgreSQL, completed by PG* variables")
    func location() throws {
        #expect(try DatabaseLocation("./data/discogs-mcp.sqlite") == .sqlite(path: "./data/discogs-mcp.sqlite"))
        let environment = ["PGPASSWORD": "from-env", "PGPORT": "6543", "PGSSLMODE": "require"]
        guard case .postgres(let settings) = try DatabaseLocation("postgresql://app@db.internal/discogs", environment: environment) else {
            Issue.record("a postgresql:// URL must select PostgreSQL")
            return
        }
        #expect(
            settings == PostgresSettings(host: "db.internal", port: 6543, username: "app", password: "from-env", database: "discogs", tls: .require)
        )
        #expect(!settings.description.contains("from-env"))
        let explicit = try PostgresSettings(url: "postgres://u:p%40ss@127.0.0.1:5433/d?sslmode=disable", environment: environment)
        #expect(explicit == PostgresSettings(host: "127.0.0.1", port: 5433, username: "u", password: "p@ss", database: "d", tls: .disable))
        #expect(throws: PostgresSettings.Invalid.self) { try PostgresSettings(url: "postgres://h/d?sslmode=sometimes") }
        #expect(throws: PostgresSettings.Invalid.self) { try PostgresSettings(url: "postgres://h:0/d") }
        #expect(throws: PostgresSettings.Invalid.self) { try PostgresSettings(url: "mysql://h/d") }
    }
}
