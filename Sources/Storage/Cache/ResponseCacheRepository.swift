import Foundation

/// One cached Discogs answer.
public struct CachedResponseEntry: Sendable, Hashable {
    /// The lookup key: the caller's scope, the method and the path with its query.
    public var key: String
    /// The path alone, lowercased: what writes invalidate by prefix.
    public var path: String
    /// Who may be served this entry (a credential digest, or a shared public tier).
    public var scope: String
    /// The kind that fixed its lifetime (database, search, user data).
    public var kind: String
    public var status: Int
    public var body: Data
    public var storedAt: Date
    public var expiresAt: Date

    public init(key: String, path: String, scope: String, kind: String, status: Int = 200, body: Data, storedAt: Date, expiresAt: Date) {
        self.key = key
        self.path = path.lowercased()
        self.scope = scope
        self.kind = kind
        self.status = status
        self.body = body
        self.storedAt = storedAt
        self.expiresAt = expiresAt
    }
}

/// Where Discogs answers are kept between calls, so repeated reads cost no rate budget.
///
/// A protocol so that several instances could later share a cache in PostgreSQL.
public protocol ResponseCacheRepository: Sendable {
    /// The entry for `key` if it has not expired at `now`.
    func entry(forKey key: String, now: Date) async throws -> CachedResponseEntry?
    /// Inserts or replaces an entry.
    func store(_ entry: CachedResponseEntry) async throws
    /// Drops every entry whose path starts with `pathPrefix` (any scope); returns how many.
    func invalidate(pathPrefix: String) async throws -> Int
    /// Drops every entry of one scope, e.g. when a user's Discogs grant is revoked.
    func invalidate(scope: String) async throws -> Int
    /// Deletes expired entries; returns how many.
    func purgeExpired(now: Date) async throws -> Int
}
