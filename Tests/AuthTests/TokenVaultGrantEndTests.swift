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
