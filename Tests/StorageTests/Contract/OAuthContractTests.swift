import Foundation
import Storage
import Testing

/// The OAuth repositories' contract, run against SQLite and PostgreSQL alike.
@Suite("Storage contract: OAuth")
struct OAuthContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func client(_ id: String, at date: Date = now) -> OAuthClientRecord {
        OAuthClientRecord(
            clientID: id,
            secretHash: nil,
            authMethod: "none",
            redirectURIs: ["http://127.0.0.1/cb", "app://x"],
            metadataJSON: #"{"client_name":"t"}"#,
            createdAt: date
        )
    }

    static func code(client: String, family: String = "f1") -> AuthorizationCodeRecord {
        AuthorizationCodeRecord(
            clientID: client,
            subject: "discogs:42",
            redirectURI: "http://127.0.0.1/cb",
            codeChallenge: "ch",
            resource: "http://x/mcp",
            scope: "read",
            familyID: family,
            createdAt: now,
            expiresAt: now.addingTimeInterval(60)
        )
    }

    @Test("clients: insert, find, delete cascades to codes and tokens", arguments: StorageEngine.allCases)
    func clients(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            try await repositories.clients.insert(Self.client("c1"))
            #expect(try await repositories.clients.find(clientID: "c1") == Self.client("c1"))
            #expect(try await repositories.clients.find(clientID: "nope") == nil)
            await #expect(throws: (any Error).self) { try await repositories.clients.insert(Self.client("c1")) }
            try await repositories.codes.insert(codeHash: "h1", Self.code(client: "c1"))
            try await repositories.tokens.insertAccess(
                hash: "a1",
                AccessTokenRecord(
                    familyID: "f1",
                    clientID: "c1",
                    subject: "s",
                    resource: "r",
                    scope: "read",
                    createdAt: Self.now,
                    expiresAt: Self.now
                )
            )
            try await repositories.clients.delete(clientID: "c1")
            #expect(try await repositories.clients.find(clientID: "c1") == nil)
            #expect(try await repositories.codes.find(codeHash: "h1") == nil)
            #expect(try await repositories.tokens.findAccess(hash: "a1") == nil)
            await #expect(throws: (any Error).self) { try await repositories.codes.insert(codeHash: "h2", Self.code(client: "missing")) }
        }
    }

    @Test("clients: unused registrations are purged, used ones kept", arguments: StorageEngine.allCases)
    func purgeUnusedClients(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let clients = repositories.clients
            try await clients.insert(Self.client("old-never-used", at: Self.now.addingTimeInterval(-100)))
            try await clients.insert(Self.client("new-never-used", at: Self.now))
            try await clients.insert(Self.client("used-long-ago", at: Self.now.addingTimeInterval(-100)))
            try await clients.insert(Self.client("used-lately", at: Self.now.addingTimeInterval(-100)))
            try await clients.markUsed(clientID: "used-long-ago", at: Self.now.addingTimeInterval(-90))
            try await clients.markUsed(clientID: "used-lately", at: Self.now)
            #expect(
                try await clients.purgeUnused(neverUsedBefore: Self.now.addingTimeInterval(-10), unusedSince: Self.now.addingTimeInterval(-50)) == 2
            )
            #expect(try await clients.find(clientID: "new-never-used") != nil)
            #expect(try await clients.find(clientID: "used-lately") != nil)
            #expect(try await clients.find(clientID: "old-never-used") == nil)
            #expect(try await clients.find(clientID: "used-long-ago") == nil)
        }
    }

    @Test("codes: consumed once, a replay reports the record, purge by expiry", arguments: StorageEngine.allCases)
    func codes(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            try await repositories.clients.insert(Self.client("c1"))
            let record = Self.code(client: "c1")
            try await repositories.codes.insert(codeHash: "h1", record)
            #expect(try await repositories.codes.find(codeHash: "h1") == record)
            #expect(try await repositories.codes.consume(codeHash: "h1", at: Self.now.addingTimeInterval(1)) == .fresh(record))
            var used = record
            used.consumedAt = Self.now.addingTimeInterval(1)
            #expect(try await repositories.codes.consume(codeHash: "h1", at: Self.now.addingTimeInterval(2)) == .alreadyUsed(used))
            #expect(try await repositories.codes.consume(codeHash: "missing", at: Self.now) == nil)
            #expect(try await repositories.codes.purgeCodes(expiredBefore: Self.now.addingTimeInterval(61)) == 1)
            #expect(try await repositories.codes.find(codeHash: "h1") == nil)
        }
    }

    @Test("codes: of many concurrent redemptions exactly one is fresh", arguments: StorageEngine.allCases)
    func concurrentConsume(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            try await repositories.clients.insert(Self.client("c1"))
            try await repositories.codes.insert(codeHash: "h1", Self.code(client: "c1"))
            let codes = repositories.codes
            let outcomes = try await withThrowingTaskGroup(of: SingleUse<AuthorizationCodeRecord>?.self) { group in
                for attempt in 0..<8 {
                    group.addTask { try await codes.consume(codeHash: "h1", at: Self.now.addingTimeInterval(Double(attempt))) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let fresh = outcomes.filter { if case .fresh = $0 { true } else { false } }
            #expect(fresh.count == 1 && outcomes.count == 8 && !outcomes.contains(nil))
        }
    }

    @Test("pending authorizations: consumed once, purge by expiry, sealed secret kept byte for byte", arguments: StorageEngine.allCases)
    func pending(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            try await repositories.clients.insert(Self.client("c1"))
            let record = PendingAuthorizationRecord(
                clientID: "c1",
                redirectURI: "http://127.0.0.1/cb",
                codeChallenge: "ch",
                state: nil,
                resource: "http://x/mcp",
                scope: "read write",
                upstreamRequestToken: "rt",
                upstreamRequestSecret: Data([0, 1, 2, 255, 0]),
                createdAt: Self.now,
                expiresAt: Self.now.addingTimeInterval(600)
            )
            try await repositories.pending.insert(idHash: "p1", record)
            #expect(try await repositories.pending.find(idHash: "p1") == record)
            #expect(try await repositories.pending.consume(idHash: "p1", at: Self.now) == record)
            #expect(try await repositories.pending.consume(idHash: "p1", at: Self.now) == nil)
            #expect(try await repositories.pending.find(idHash: "p1")?.consumedAt == Self.now)
            #expect(try await repositories.pending.consume(idHash: "missing", at: Self.now) == nil)
            #expect(try await repositories.pending.purge(expiredBefore: Self.now.addingTimeInterval(599)) == 0)
            #expect(try await repositories.pending.purge(expiredBefore: Self.now.addingTimeInterval(601)) == 1)
        }
    }
}
