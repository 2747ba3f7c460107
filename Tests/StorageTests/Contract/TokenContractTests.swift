import Foundation
import Storage
import Testing

/// Tokens and upstream credentials, run against SQLite and PostgreSQL alike.
@Suite("Storage contract: tokens and upstream credentials")
struct TokenContractTests {
    static let now = OAuthContractTests.now

    static func access(family: String, expires: Double = 3600) -> AccessTokenRecord {
        AccessTokenRecord(
            familyID: family,
            clientID: "c1",
            subject: "discogs:42",
            resource: "http://x/mcp",
            scope: "read",
            createdAt: now,
            expiresAt: now.addingTimeInterval(expires)
        )
    }

    static func refresh(family: String, expires: Double = 86_400) -> RefreshTokenRecord {
        RefreshTokenRecord(
            familyID: family,
            clientID: "c1",
            subject: "discogs:42",
            resource: "http://x/mcp",
            scope: "read",
            createdAt: now,
            expiresAt: now.addingTimeInterval(expires)
        )
    }

    @Test("tokens: find, rotate once, revoke one, revoke a family, purge by expiry", arguments: StorageEngine.allCases)
    func tokens(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let tokens = repositories.tokens
            try await repositories.clients.insert(OAuthContractTests.client("c1"))
            try await tokens.insertAccess(hash: "a1", Self.access(family: "f1"))
            try await tokens.insertAccess(hash: "a2", Self.access(family: "f1", expires: 10))
            try await tokens.insertRefresh(hash: "r1", Self.refresh(family: "f1"))
            try await tokens.insertAccess(hash: "b1", Self.access(family: "f2"))
            #expect(try await tokens.findAccess(hash: "a1") == Self.access(family: "f1"))
            #expect(try await tokens.findRefresh(hash: "r1") == Self.refresh(family: "f1"))
            #expect(try await tokens.findAccess(hash: "zz") == nil)
            #expect(try await tokens.findRefresh(hash: "zz") == nil)

            #expect(try await tokens.markRefreshUsed(hash: "r1", at: Self.now) == .fresh(Self.refresh(family: "f1")))
            guard case .alreadyUsed(let used) = try await tokens.markRefreshUsed(hash: "r1", at: Self.now.addingTimeInterval(1)) else {
                Issue.record("a second rotation must be reported as reuse")
                return
            }
            #expect(used.usedAt == Self.now)
            #expect(try await tokens.markRefreshUsed(hash: "zz", at: Self.now) == nil)

            try await tokens.revokeAccess(hash: "b1", at: Self.now)
            try await tokens.revokeAccess(hash: "b1", at: Self.now.addingTimeInterval(5))
            #expect(try await tokens.findAccess(hash: "b1")?.revokedAt == Self.now)
            #expect(try await tokens.revokeFamily("f1", at: Self.now) == 3)
            #expect(try await tokens.revokeFamily("f1", at: Self.now) == 0)
            #expect(try await tokens.findRefresh(hash: "r1")?.revokedAt == Self.now)

            #expect(try await tokens.purgeTokens(expiredBefore: Self.now.addingTimeInterval(11)) == 1)
            #expect(try await tokens.purgeTokens(expiredBefore: Self.now.addingTimeInterval(90_000)) == 3)
        }
    }

    @Test("issuance and rotation are one transaction each: a failed rotation leaves the old token unspent", arguments: StorageEngine.allCases)
    func rotation(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let tokens = repositories.tokens
            try await repositories.clients.insert(OAuthContractTests.client("c1"))
            try await tokens.insertTokens(
                IssuedTokenRows(accessHash: "a1", access: Self.access(family: "f1"), refreshHash: "r1", refresh: Self.refresh(family: "f1"))
            )
            #expect(try await tokens.findAccess(hash: "a1") != nil)
            #expect(try await tokens.findRefresh(hash: "r1") != nil)

            // A successor that cannot be stored (its access digest is taken) rolls the whole rotation back.
            let clashing = IssuedTokenRows(
                accessHash: "a1",
                access: Self.access(family: "f1"),
                refreshHash: "r2",
                refresh: Self.refresh(family: "f1")
            )
            await #expect(throws: (any Error).self) { _ = try await tokens.rotateRefresh(hash: "r1", at: Self.now, successors: clashing) }
            #expect(try await tokens.findRefresh(hash: "r1")?.usedAt == nil)
            #expect(try await tokens.findRefresh(hash: "r2") == nil)

            let successors = IssuedTokenRows(
                accessHash: "a2",
                access: Self.access(family: "f1"),
                refreshHash: "r2",
                refresh: Self.refresh(family: "f1")
            )
            #expect(try await tokens.rotateRefresh(hash: "r1", at: Self.now, successors: successors) == .fresh(Self.refresh(family: "f1")))
            #expect(try await tokens.findAccess(hash: "a2") != nil)
            #expect(try await tokens.findRefresh(hash: "r2") != nil)

            let again = IssuedTokenRows(accessHash: "a3", access: Self.access(family: "f1"), refreshHash: "r3", refresh: Self.refresh(family: "f1"))
            guard case .alreadyUsed = try await tokens.rotateRefresh(hash: "r1", at: Self.now, successors: again) else {
                Issue.record("a second rotation must be reported as reuse")
                return
            }
            #expect(try await tokens.findAccess(hash: "a3") == nil)
            #expect(try await tokens.findRefresh(hash: "r3") == nil)
            #expect(try await tokens.rotateRefresh(hash: "zz", at: Self.now, successors: again) == nil)
        }
    }

    @Test("upstream credentials: upsert replaces, lookup by username ignores case, delete", arguments: StorageEngine.allCases)
    func upstream(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let upstream = repositories.upstream
            let first = UpstreamCredentialRecord(
                subject: "discogs:42",
                discogsUserID: 42,
                username: "Ada",
                sealedToken: Data([1, 2, 3]),
                sealedSecret: Data([0, 255]),
                updatedAt: Self.now
            )
            try await upstream.upsert(first)
            #expect(try await upstream.find(subject: "discogs:42") == first)
            var second = first
            second.username = "ada_l"
            second.sealedToken = Data([9])
            second.updatedAt = Self.now.addingTimeInterval(1)
            try await upstream.upsert(second)
            #expect(try await upstream.find(subject: "discogs:42") == second)
            try await upstream.upsert(
                UpstreamCredentialRecord(
                    subject: "discogs:7",
                    discogsUserID: nil,
                    username: "ADA_L",
                    sealedToken: Data(),
                    sealedSecret: Data(),
                    updatedAt: Self.now.addingTimeInterval(2)
                )
            )
            #expect(try await upstream.subject(forUsername: "Ada_L") == "discogs:7")
            #expect(try await upstream.subject(forUsername: "Ada") == nil)
            try await upstream.delete(subject: "discogs:7")
            #expect(try await upstream.subject(forUsername: "ada_l") == "discogs:42")
            #expect(try await upstream.find(subject: "discogs:7") == nil)
        }
    }
}
