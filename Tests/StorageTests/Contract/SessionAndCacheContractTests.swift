import Foundation
import Storage
import Testing

/// The repository contract, run against SQLite and PostgreSQL alike.
@Suite("Storage contract: sessions, cache, migrations")
struct SessionAndCacheContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("every known migration is applied, in the same order on both engines", arguments: StorageEngine.allCases)
    func migrations(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let applied = try await repositories.appliedMigrations()
            #expect(applied == repositories.knownMigrations.sorted())
            #expect(repositories.knownMigrations.starts(with: ["v1-sessions", "v2-discogs-cache", "v2-log-events", "v3-oauth"]))
        }
    }

    @Test("sessions: insert, find, touch, end, purge", arguments: StorageEngine.allCases)
    func sessions(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let sessions = repositories.sessions
            let now = Self.now
            let record = SessionRecord(
                principalID: "user:1",
                transport: "streamable-http",
                revision: "2025-11-25",
                clientName: "c",
                clientVersion: nil,
                clientCapabilitiesJSON: #"{"roots":{}}"#,
                createdAt: now,
                lastActiveAt: now
            )
            try await sessions.insert(id: "secret-session-id", record)
            #expect(try await sessions.find(id: "secret-session-id") == record)
            #expect(try await sessions.find(id: "other") == nil)
            await #expect(throws: (any Error).self) { try await sessions.insert(id: "secret-session-id", record) }

            try await sessions.touch(id: "secret-session-id", at: now.addingTimeInterval(3.25))
            #expect(try await sessions.find(id: "secret-session-id")?.lastActiveAt == now.addingTimeInterval(3.25))
            try await sessions.end(id: "secret-session-id", at: now.addingTimeInterval(5))
            try await sessions.end(id: "secret-session-id", at: now.addingTimeInterval(9))
            #expect(try await sessions.find(id: "secret-session-id")?.endedAt == now.addingTimeInterval(5))

            // save: a legacy SSE session recorded when its stream opens, then its handshake.
            try await sessions.save(
                id: "sse",
                SessionRecord(principalID: "anonymous", transport: "sse", revision: "", createdAt: now, lastActiveAt: now)
            )
            let handshake = SessionRecord(
                principalID: "user:2",
                transport: "sse",
                revision: "2024-11-05",
                clientName: "cli",
                clientVersion: "1",
                clientCapabilitiesJSON: "{}",
                createdAt: now.addingTimeInterval(1),
                lastActiveAt: now.addingTimeInterval(1)
            )
            try await sessions.save(id: "sse", handshake)
            var expected = handshake
            expected.createdAt = now
            #expect(try await sessions.find(id: "sse") == expected, "the handshake replaced, the creation time kept")
            try await sessions.end(id: "sse", at: now.addingTimeInterval(2))

            try await sessions.insert(
                id: "idle",
                SessionRecord(principalID: "u", transport: "sse", revision: "2024-11-05", createdAt: now, lastActiveAt: now)
            )
            #expect(try await sessions.purge(before: now.addingTimeInterval(4)) == 2)
            #expect(try await sessions.find(id: "idle") == nil)
            #expect(try await sessions.purge(before: now.addingTimeInterval(6)) == 1)
            #expect(try await sessions.purge(before: now.addingTimeInterval(6)) == 0)
        }
    }

    @Test("response cache: expiry, replace, prefix and scope invalidation, purge", arguments: StorageEngine.allCases)
    func cache(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let cache = repositories.cache
            let now = Self.now
            func entry(_ key: String, path: String, scope: String = "public", ttl: Double = 60, body: String = "{}") -> CachedResponseEntry {
                CachedResponseEntry(
                    key: key,
                    path: path,
                    scope: scope,
                    kind: "database",
                    body: Data(body.utf8),
                    storedAt: now,
                    expiresAt: now.addingTimeInterval(ttl)
                )
            }
            try await cache.store(entry("a", path: "/Releases/1", body: #"{"v":1}"#))
            try await cache.store(entry("a", path: "/releases/1", body: #"{"v":2}"#))
            let found = try #require(try await cache.entry(forKey: "a", now: now))
            #expect(
                found.body == Data(#"{"v":2}"#.utf8) && found.path == "/releases/1" && found.status == 200
                    && found.expiresAt == now.addingTimeInterval(60)
            )
            #expect(try await cache.entry(forKey: "a", now: now.addingTimeInterval(60)) == nil)

            try await cache.store(entry("b", path: "/releases/10"))
            try await cache.store(entry("c", path: "/releases/2", scope: "user:9"))
            try await cache.store(entry("d", path: "/users/x/collection", scope: "user:9"))
            try await cache.store(entry("e", path: "/releasesx", ttl: -1))
            #expect(try await cache.invalidate(pathPrefix: "/RELEASES/1") == 2)
            #expect(try await cache.entry(forKey: "c", now: now) != nil)
            #expect(try await cache.invalidate(scope: "user:9") == 2)
            #expect(try await cache.purgeExpired(now: now) == 1)
            #expect(try await cache.purgeExpired(now: now) == 0)
        }
    }
}
