import Auth
import Foundation
import Logging
import Prometheus
import Storage
import TestSupport
import Testing

@testable import App
@testable import Transports

/// Issue 17 point 2 and issue 14 point 8: the background purge and its schedule.
@Suite("Purge service", .removesTemporaryFolders)
struct PurgeServiceTests {
    static let now = Date()
    static func ago(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(-seconds) }
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400

    static func client(_ id: String, createdAt: Date) -> OAuthClientRecord {
        OAuthClientRecord(
            clientID: id,
            secretHash: nil,
            authMethod: "none",
            redirectURIs: ["http://127.0.0.1:9/cb"],
            metadataJSON: "{}",
            createdAt: createdAt
        )
    }

    static func cacheEntry(_ key: String, expiresAt: Date) -> CachedResponseEntry {
        CachedResponseEntry(
            key: key,
            path: "/releases/1",
            scope: "public",
            kind: "database",
            body: Data("{}".utf8),
            storedAt: ago(day),
            expiresAt: expiresAt
        )
    }

    /// Which of the cache entries `keys` are still stored (expired or not).
    static func cached(_ cache: SQLiteResponseCacheRepository, _ keys: [String]) async throws -> [String] {
        var present: [String] = []
        for key in keys where try await cache.entry(forKey: key, now: ago(7 * day)) != nil { present.append(key) }
        return present
    }

    @Test("purges expired tokens, codes, pending logins, cache entries and unused clients at start and then every interval", .timeLimit(.minutes(1)))
    func schedule() async throws {
        let database = try Storage.Database(path: TestServer.temporaryDatabase())
        let store = SQLiteOAuthStore(database: database)
        try await store.insert(Self.client("never-used-old", createdAt: Self.ago(25 * Self.hour)))
        try await store.insert(Self.client("never-used-new", createdAt: Self.ago(Self.hour)))
        try await store.insert(Self.client("used-recently", createdAt: Self.ago(200 * Self.day)))
        try await store.markUsed(clientID: "used-recently", at: Self.ago(10 * Self.day))
        try await store.insert(Self.client("used-long-ago", createdAt: Self.ago(200 * Self.day)))
        try await store.markUsed(clientID: "used-long-ago", at: Self.ago(91 * Self.day))
        for (hash, expiresAt) in [("expired", Self.ago(1)), ("live", Self.now.addingTimeInterval(Self.hour))] {
            try await store.insertAccess(
                hash: hash,
                AccessTokenRecord(
                    familyID: "f",
                    clientID: "used-recently",
                    subject: "s",
                    resource: "r",
                    scope: "read",
                    createdAt: Self.ago(Self.day),
                    expiresAt: expiresAt
                )
            )
            try await store.insert(
                codeHash: hash,
                AuthorizationCodeRecord(
                    clientID: "used-recently",
                    subject: "s",
                    redirectURI: "u",
                    codeChallenge: "c",
                    resource: "r",
                    scope: "read",
                    familyID: "f",
                    createdAt: Self.ago(Self.day),
                    expiresAt: expiresAt
                )
            )
            try await store.insert(
                idHash: hash,
                PendingAuthorizationRecord(
                    clientID: "used-recently",
                    redirectURI: "u",
                    codeChallenge: "c",
                    state: nil,
                    resource: "r",
                    scope: "read",
                    createdAt: Self.ago(Self.day),
                    expiresAt: expiresAt
                )
            )
        }
        let cache = SQLiteResponseCacheRepository(database: database)
        try await cache.store(Self.cacheEntry("old", expiresAt: Self.ago(1)))
        try await cache.store(Self.cacheEntry("fresh", expiresAt: Self.now.addingTimeInterval(Self.hour)))

        let clock = ManualClock()
        let time = ServerClock(clock, epoch: Self.now)
        let vault = TokenVault(
            repositories: .sqlite(database),
            box: SecretBox(keyMaterial: String(repeating: "s", count: 40)),
            indicator: ResourceIndicator(publicBaseURL: "http://127.0.0.1:8080"),
            clock: time
        )
        let registry = PrometheusCollectorRegistry()
        let service = PurgeService(
            purger: Purger(vault: vault, cache: cache, metrics: ServerMetrics(registry: registry), logger: Logger(label: "test"), clock: time),
            interval: .seconds(600),
            clock: clock
        )
        let running = Task { try await service.run() }
        defer { running.cancel() }

        // The service sleeps on the clock once its first pass is done.
        await clock.sleepers(1)
        #expect(try await Self.cached(cache, ["old", "fresh"]) == ["fresh"], "the first purge runs at start")
        var kept: [String] = []
        for id in ["never-used-old", "never-used-new", "used-recently", "used-long-ago"] where try await store.find(clientID: id) != nil {
            kept.append(id)
        }
        #expect(kept == ["never-used-new", "used-recently"])
        #expect(try await store.findAccess(hash: "expired") == nil)
        #expect(try await store.findAccess(hash: "live") != nil)
        #expect(try await store.find(idHash: "expired") == nil)
        #expect(try await store.find(idHash: "live") != nil)
        let text = registry.emitToString()
        // The pending login, code and access token each expired once.
        for kind in ["clients 2", "response_cache 1", "codes 1", "pending_authorizations 1", "tokens 1"] {
            let parts = kind.split(separator: " ")
            #expect(text.contains(#"discogs_mcp_purged_rows_total{kind="\#(parts[0])"} \#(parts[1])"#), "\(kind)")
        }

        // The next pass waits for the interval.
        try await cache.store(Self.cacheEntry("stale-later", expiresAt: Self.ago(1)))
        clock.advance(by: .seconds(599))
        #expect(clock.pendingSleepers.count == 1)
        #expect(try await Self.cached(cache, ["stale-later"]) == ["stale-later"], "no purge before the interval has passed")
        clock.advance(by: .seconds(1))
        await clock.sleepers(1)
        #expect(try await Self.cached(cache, ["stale-later", "fresh"]) == ["fresh"], "the second purge runs after the interval")
    }

    @Test("a client that authenticates at the token endpoint counts as used and survives the purge")
    func authenticationMarksUse() async throws {
        let database = try Storage.Database(path: TestServer.temporaryDatabase())
        let store = SQLiteOAuthStore(database: database)
        try await store.insert(Self.client("registered-long-ago", createdAt: Self.ago(30 * Self.hour)))
        let vault = TokenVault(
            repositories: .sqlite(database),
            box: SecretBox(keyMaterial: String(repeating: "s", count: 40)),
            indicator: ResourceIndicator(publicBaseURL: "http://127.0.0.1:8080"),
            clock: ServerClock(ManualClock(), epoch: Self.now)
        )
        _ = try await vault.authenticate(ClientCredentials(clientID: "registered-long-ago", secret: nil, channel: .post))
        let report = try await vault.purge()
        #expect(report.clients == 0)
        #expect(try await store.find(clientID: "registered-long-ago") != nil)
    }
}
