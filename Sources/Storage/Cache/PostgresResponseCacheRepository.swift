import Foundation
import PostgresNIO

/// The response cache in PostgreSQL: one cache for every instance, so a fleet spends the Discogs
/// budget once per answer.
public struct PostgresResponseCacheRepository: ResponseCacheRepository {
    private let database: PostgresStorage

    public init(database: PostgresStorage) {
        self.database = database
    }

    public func entry(forKey key: String, now: Date) async throws -> CachedResponseEntry? {
        try await database.rows(
            "SELECT * FROM discogs_response_cache WHERE key = \(key) AND expires_at > \(now.timeIntervalSince1970)"
        ) { row in
            CachedResponseEntry(
                key: try row["key"].decode(String.self),
                path: try row["path"].decode(String.self),
                scope: try row["scope"].decode(String.self),
                kind: try row["kind"].decode(String.self),
                status: try row["status"].decode(Int.self),
                body: try row["body"].decode(Data.self),
                storedAt: try PostgresColumns.date(row, "stored_at"),
                expiresAt: try PostgresColumns.date(row, "expires_at")
            )
        }.first
    }

    public func store(_ entry: CachedResponseEntry) async throws {
        try await database.client.query(
            """
            INSERT INTO discogs_response_cache (key, path, scope, kind, status, body, stored_at, expires_at)
            VALUES (\(entry.key), \(entry.path), \(entry.scope), \(entry.kind), \(Int32(clamping: entry.status)), \(entry.body),
                \(entry.storedAt.timeIntervalSince1970), \(entry.expiresAt.timeIntervalSince1970))
            ON CONFLICT (key) DO UPDATE SET path = excluded.path, scope = excluded.scope, kind = excluded.kind,
                status = excluded.status, body = excluded.body, stored_at = excluded.stored_at, expires_at = excluded.expires_at
            """,
            logger: database.logger
        )
    }

    public func invalidate(pathPrefix: String) async throws -> Int {
        // The same byte-wise range as SQLite's: `text_pattern_ops` orders by bytes, and paths are
        // percent-encoded ASCII, so every extension of the prefix sorts below prefix + U+FFFF.
        let lower = pathPrefix.lowercased()
        let upper = lower + "\u{FFFF}"
        return try await database.changes(
            "DELETE FROM discogs_response_cache WHERE path ~>=~ \(lower) AND path ~<~ \(upper) RETURNING 1"
        )
    }

    public func invalidate(scope: String) async throws -> Int {
        try await database.changes("DELETE FROM discogs_response_cache WHERE scope = \(scope) RETURNING 1")
    }

    public func purgeExpired(now: Date) async throws -> Int {
        try await database.changes("DELETE FROM discogs_response_cache WHERE expires_at <= \(now.timeIntervalSince1970) RETURNING 1")
    }
}
