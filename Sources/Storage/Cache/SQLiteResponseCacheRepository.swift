import Foundation
import GRDB

/// The response cache in the server's SQLite database.
public struct SQLiteResponseCacheRepository: ResponseCacheRepository {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func entry(forKey key: String, now: Date) async throws -> CachedResponseEntry? {
        try await database.pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM discogs_response_cache WHERE key = ? AND expires_at > ?",
                    arguments: [key, now.timeIntervalSince1970]
                )
            else { return nil }
            return CachedResponseEntry(
                key: row["key"],
                path: row["path"],
                scope: row["scope"],
                kind: row["kind"],
                status: row["status"],
                body: row["body"],
                storedAt: Date(timeIntervalSince1970: row["stored_at"]),
                expiresAt: Date(timeIntervalSince1970: row["expires_at"])
            )
        }
    }

    public func store(_ entry: CachedResponseEntry) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO discogs_response_cache (key, path, scope, kind, status, body, stored_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    entry.key, entry.path, entry.scope, entry.kind, entry.status, entry.body,
                    entry.storedAt.timeIntervalSince1970, entry.expiresAt.timeIntervalSince1970,
                ]
            )
        }
    }

    public func invalidate(pathPrefix: String) async throws -> Int {
        let lower = pathPrefix.lowercased()
        // A range on the indexed column instead of LIKE: no wildcard escaping, and paths are
        // percent-encoded ASCII, so every extension of the prefix sorts below prefix + U+FFFF.
        let upper = lower + "\u{FFFF}"
        return try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM discogs_response_cache WHERE path >= ? AND path < ?", arguments: [lower, upper])
            return db.changesCount
        }
    }

    public func invalidate(scope: String) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM discogs_response_cache WHERE scope = ?", arguments: [scope])
            return db.changesCount
        }
    }

    public func purgeExpired(now: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM discogs_response_cache WHERE expires_at <= ?", arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
