import Foundation
import GRDB

/// The server's SQLite database: one file, WAL mode, migrated on open.
///
/// A `DatabasePool` gives concurrent readers beside one writer and runs SQLite's blocking
/// calls on GRDB's own queues, off Swift's cooperative pool.
public final class Database: Sendable {
    public let pool: DatabasePool
    public let path: String

    /// Opens (creating folders 0700 and the file 0600 as needed) and migrates the database at `path`.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try PrivateFiles.createFolder(url.deletingLastPathComponent().path)
        // SQLite would create the file 0644; created here 0600 first, it is opened as it is, and
        // SQLite gives the -wal and -shm files the database file's mode.
        try PrivateFiles.createFile(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try Migrations.migrator.migrate(pool)
    }

    /// The journal mode SQLite reports (`wal` for a pool), for health checks and tests.
    public func journalMode() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Identifiers of every migration this build knows, in order.
    public static var knownMigrations: [String] { Migrations.migrator.migrations }

    /// Identifiers of the migrations applied so far.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try Migrations.migrator.appliedIdentifiers(db).sorted() }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound database.
    public func integrityCheck() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    public func close() throws {
        try pool.close()
    }
}
