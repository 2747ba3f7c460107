import Foundation
import Storage
import TestSupport
import Testing

@testable import Discogs

/// The three-legged login calls and the SQLite response cache, over loopback HTTP.
@Suite(.removesTemporaryFolders) struct LoginAndCacheTests {
    /// Request token → authorize URL → access token → identity, each signed and verified by the stub.
    @Test func threeLeggedLogin() async throws {
        try await DiscogsStub.run { port, _ in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port)) { client in
                let request = try await client.requestToken(callback: URL(string: "https://host.test/discogs/callback"))
                #expect(request == OAuthTokenPair(token: "rt111", secret: "rts222", callbackConfirmed: true))
                #expect(client.authorizeURL(requestToken: "rt111").absoluteString == "http://127.0.0.1:\(port)/web/oauth/authorize?oauth_token=rt111")
                let access = try await client.accessToken(requestToken: "rt111", secret: "rts222", verifier: "ver333")
                #expect(access == OAuthTokenPair(token: "at456", secret: "ts012"))
                let identity = try await client.identity(as: .oauth(token: access.token, secret: access.secret))
                #expect(identity.username == "alice")
                #expect(identity.id == 1)
            }
        }
    }

    /// OAuth endpoints answer errors in text/plain; the text reaches the user.
    @Test func loginErrorsCarryDiscogsText() async throws {
        try await DiscogsStub.run { port, _ in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port)) { client in
                await #expect(throws: DiscogsError.unauthorized(message: "Invalid consumer.")) {
                    _ = try await client.requestToken(callback: URL(string: "https://elsewhere.test/cb"))
                }
                await #expect(throws: DiscogsError.unauthorized(message: "Invalid or expired request token.")) {
                    _ = try await client.accessToken(requestToken: "rt111", secret: "rts222", verifier: "wrong")
                }
            }
            var unconfigured = DiscogsStub.configuration(port: port)
            unconfigured.consumerKey = nil
            try await DiscogsStub.withClient(unconfigured) { client in
                await #expect(throws: DiscogsError.self) { _ = try await client.requestToken(callback: nil) }
            }
        }
    }

    static func temporaryDatabase() throws -> Storage.Database {
        let path = TemporaryFolder.make("discogs-cache").appendingPathComponent("db.sqlite").path
        return try Storage.Database(path: path)
    }

    /// Repeated reads come from the cache; user data is never shared between users; our writes invalidate.
    @Test func cacheIsPerUserAndInvalidatedByWrites() async throws {
        let database = try Self.temporaryDatabase()
        let cache = SQLiteResponseCacheRepository(database: database)
        try await DiscogsStub.run { port, hits in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port), cache: cache) { client in
                let alice = DiscogsCredential.oauth(token: "alice-token", secret: "s")
                let bob = DiscogsCredential.oauth(token: "bob-token", secret: "s")
                // Database objects: shared by authenticated callers.
                let first = try await client.release(id: 1, as: alice)
                let second = try await client.release(id: 1, as: bob)
                #expect(first.title == "Cached" && second.title == "Cached")
                #expect(await hits.count("/releases/1") == 1)
                // User data: per credential.
                _ = try await client.collectionFolders(username: "alice", as: alice)
                _ = try await client.collectionFolders(username: "alice", as: alice)
                #expect(await hits.count("GET /users/alice/collection/folders") == 1)
                _ = try await client.collectionFolders(username: "alice", as: bob)
                #expect(await hits.count("GET /users/alice/collection/folders") == 2)
                // Our own write under /users/alice/collection drops every cached answer below it.
                _ = try await client.createFolder(username: "alice", name: "New", as: alice)
                _ = try await client.collectionFolders(username: "alice", as: alice)
                #expect(await hits.count("GET /users/alice/collection/folders") == 3)
            }
        }
        try database.close()
    }

    /// The repository on its own: expiry, prefix invalidation (case-insensitive), scope invalidation.
    @Test func repositoryExpiresAndInvalidates() async throws {
        let database = try Self.temporaryDatabase()
        let cache = SQLiteResponseCacheRepository(database: database)
        let now = Date()
        func entry(_ key: String, path: String, scope: String = "a", ttl: TimeInterval = 60) -> CachedResponseEntry {
            CachedResponseEntry(key: key, path: path, scope: scope, kind: "userData", body: Data(key.utf8), storedAt: now, expiresAt: now + ttl)
        }
        try await cache.store(entry("k1", path: "/users/Alice/collection/folders"))
        try await cache.store(entry("k2", path: "/users/alice/collection/folders/0/releases"))
        try await cache.store(entry("k3", path: "/users/alice/wants", scope: "b"))
        try await cache.store(entry("k4", path: "/users/alicex/collection"))
        try await cache.store(entry("k5", path: "/releases/1", ttl: -1))
        #expect(try await cache.entry(forKey: "k5", now: now) == nil)
        #expect(try await cache.entry(forKey: "k1", now: now)?.body == Data("k1".utf8))
        #expect(try await cache.invalidate(pathPrefix: "/users/ALICE/collection") == 2)
        #expect(try await cache.entry(forKey: "k4", now: now) != nil)
        #expect(try await cache.invalidate(scope: "b") == 1)
        #expect(try await cache.purgeExpired(now: now) == 1)
        #expect(try await database.appliedMigrations().contains("v2-discogs-cache"))
        try database.close()
    }
}
