import Auth
import Foundation
import Storage
import Testing

/// Issue 10, point 5: a user's Discogs credentials live exactly as long as one of their grants.
@Suite("TokenVault: ending grants")
struct TokenVaultGrantEndTests {
    static let credential = UpstreamCredential(discogsUserID: 42, username: "alice", token: "tok", secret: "sec")

    func withVault(_ body: (TokenVault) async throws -> Void) async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let database = try temp.open()
        try await body(Fixtures.vault(database, clock: TestClock()))
        try database.close()
    }

    func grant(_ vault: TokenVault) async throws -> (tokens: IssuedTokens, client: String) {
        let client = try await Fixtures.publicClient(vault)
        let code = try await vault.issueCode(Fixtures.binding(clientID: client))
        let tokens = try await vault.exchangeCode(code, clientID: client, redirectURI: Fixtures.redirect, verifier: Fixtures.verifier, resource: nil)
        return (tokens, client)
    }

    @Test("revoking one of two grants keeps the Discogs credentials; revoking the last deletes them")
    func lastGrantTakesTheCredentials() async throws {
        try await withVault { vault in
            try await vault.storeUpstream(Self.credential, subject: "discogs:42")
            let first = try await grant(vault)
            let second = try await grant(vault)
            try await vault.revoke(first.tokens.refreshToken, clientID: first.client)
            #expect(try await vault.upstream(subject: "discogs:42") != nil)
            try await vault.revoke(second.tokens.accessToken, clientID: second.client)
            #expect(try await vault.upstream(subject: "discogs:42") == nil)
        }
    }

    @Test("a rotated-away refresh token is not a live grant, its successor is")
    func rotationKeepsTheGrantLive() async throws {
        try await withVault { vault in
            try await vault.storeUpstream(Self.credential, subject: "discogs:42")
            let first = try await grant(vault)
            let other = try await grant(vault)
            _ = try await vault.refresh(first.tokens.refreshToken, clientID: first.client, resource: nil, scope: nil)
            try await vault.revoke(other.tokens.refreshToken, clientID: other.client)
            #expect(try await vault.upstream(subject: "discogs:42") != nil, "the rotated grant is still live")
        }
    }

    @Test("endGrants revokes every token of the subject and deletes the credentials")
    func endGrants() async throws {
        try await withVault { vault in
            try await vault.storeUpstream(Self.credential, subject: "discogs:42")
            let first = try await grant(vault)
            let second = try await grant(vault)
            try await vault.endGrants(subject: "discogs:42")
            #expect(try await vault.upstream(subject: "discogs:42") == nil)
            for tokens in [first.tokens, second.tokens] {
                #expect(try await vault.validate(accessToken: tokens.accessToken, endpoint: Fixtures.base + "/mcp") == .invalid(.revoked))
            }
            await #expect(throws: OAuthError.self) {
                try await vault.refresh(second.tokens.refreshToken, clientID: second.client, resource: nil, scope: nil)
            }
        }
    }
}

/// Issue 10, point 4: a rotation is one transaction, so a failure (or a kill) half-way leaves the old token live.
@Suite("Refresh rotation atomicity")
struct RefreshRotationAtomicityTests {
    @Test("when storing the successors fails, the old refresh token is not spent")
    func failedRotationLeavesTheOldTokenLive() async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let database = try temp.open()
        let vault = Fixtures.vault(database, clock: TestClock())
        let client = try await Fixtures.publicClient(vault)
        let code = try await vault.issueCode(Fixtures.binding(clientID: client))
        let tokens = try await vault.exchangeCode(code, clientID: client, redirectURI: Fixtures.redirect, verifier: Fixtures.verifier, resource: nil)
        let store = SQLiteOAuthStore(database: database)
        let oldHash = OpaqueToken.digest(tokens.refreshToken)
        let old = try #require(try await store.findRefresh(hash: oldHash))
        // Successors whose access digest collides with the existing access token: the insert fails.
        let clash = IssuedTokenRows(
            accessHash: OpaqueToken.digest(tokens.accessToken),
            access: AccessTokenRecord(
                familyID: old.familyID,
                clientID: client,
                subject: old.subject,
                resource: old.resource,
                scope: old.scope,
                createdAt: Date(),
                expiresAt: Date().addingTimeInterval(60)
            ),
            refreshHash: "fresh-refresh-digest",
            refresh: old
        )
        await #expect(throws: (any Error).self) { _ = try await store.rotateRefresh(hash: oldHash, at: Date(), successors: clash) }
        #expect(try await store.findRefresh(hash: oldHash)?.usedAt == nil, "a failed rotation spent the old token")
        #expect(try await store.findRefresh(hash: "fresh-refresh-digest") == nil)
        let rotated = try await vault.refresh(tokens.refreshToken, clientID: client, resource: nil, scope: nil)
        #expect(rotated.refreshToken != tokens.refreshToken)
        try database.close()
    }
}
