import Auth
import Foundation
import GRDB
import Storage
import Testing

@Suite("TokenVault")
struct TokenVaultTests {
    func withVault(lifetimes: TokenLifetimes = TokenLifetimes(), _ body: (TokenVault, TestClock, TempDatabase) async throws -> Void) async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let clock = TestClock()
        let database = try temp.open()
        try await body(Fixtures.vault(database, clock: clock, lifetimes: lifetimes), clock, temp)
        try database.close()
    }

    @Test("code → tokens → validate → refresh rotation")
    func happyPath() async throws {
        try await withVault { vault, _, _ in
            let client = try await Fixtures.publicClient(vault)
            let code = try await vault.issueCode(Fixtures.binding(clientID: client))
            let tokens = try await vault.exchangeCode(
                code,
                clientID: client,
                redirectURI: Fixtures.redirect,
                verifier: Fixtures.verifier,
                resource: Fixtures.base + "/mcp/"
            )
            #expect(tokens.accessToken.hasPrefix("at_") && tokens.accessToken.count == 46)
            #expect(tokens.scope == "read" && tokens.expiresIn == 3600 && tokens.resource == Fixtures.base + "/mcp")
            guard case .valid(let grant) = try await vault.validate(accessToken: tokens.accessToken, endpoint: Fixtures.base + "/mcp") else {
                Issue.record("access token should be valid at /mcp")
                return
            }
            #expect(grant.subject == "discogs:42" && grant.clientID == client && grant.scopes == ["read"])
            #expect(try await vault.validate(accessToken: tokens.accessToken, endpoint: Fixtures.base + "/sse") == .invalid(.wrongAudience))

            let rotated = try await vault.refresh(tokens.refreshToken, clientID: client, resource: nil, scope: nil)
            #expect(rotated.refreshToken != tokens.refreshToken && rotated.accessToken != tokens.accessToken)
            #expect(try await vault.validate(accessToken: rotated.accessToken, endpoint: Fixtures.base + "/mcp") != .invalid(.unknown))
        }
    }

    @Test("a replayed refresh token revokes the whole family")
    func refreshReuse() async throws {
        try await withVault { vault, _, _ in
            let client = try await Fixtures.publicClient(vault)
            let code = try await vault.issueCode(Fixtures.binding(clientID: client))
            let first = try await vault.exchangeCode(
                code,
                clientID: client,
                redirectURI: Fixtures.redirect,
                verifier: Fixtures.verifier,
                resource: nil
            )
            let second = try await vault.refresh(first.refreshToken, clientID: client, resource: nil, scope: nil)
            await #expect(throws: OAuthError.invalidGrant("the refresh token was already used; every token of this grant is revoked")) {
                try await vault.refresh(first.refreshToken, clientID: client, resource: nil, scope: nil)
            }
            #expect(try await vault.validate(accessToken: second.accessToken, endpoint: Fixtures.base + "/mcp") == .invalid(.revoked))
            await #expect(throws: OAuthError.invalidGrant("the refresh token has been revoked")) {
                try await vault.refresh(second.refreshToken, clientID: client, resource: nil, scope: nil)
            }
        }
    }

    @Test("a replayed code fails and revokes the tokens it minted")
    func codeReplay() async throws {
        try await withVault { vault, _, _ in
            let client = try await Fixtures.publicClient(vault)
            let code = try await vault.issueCode(Fixtures.binding(clientID: client))
            let tokens = try await vault.exchangeCode(
                code,
                clientID: client,
                redirectURI: Fixtures.redirect,
                verifier: Fixtures.verifier,
                resource: nil
            )
            await #expect(throws: OAuthError.invalidGrant("the authorization code was already used; tokens issued from it are revoked")) {
                try await vault.exchangeCode(code, clientID: client, redirectURI: Fixtures.redirect, verifier: Fixtures.verifier, resource: nil)
            }
            #expect(try await vault.validate(accessToken: tokens.accessToken, endpoint: Fixtures.base + "/mcp") == .invalid(.revoked))
        }
    }

    @Test("codes and access tokens expire on the vault's clock")
    func expiry() async throws {
        try await withVault(lifetimes: TokenLifetimes(accessToken: 60, authorizationCode: 30)) { vault, clock, _ in
            let client = try await Fixtures.publicClient(vault)
            let late = try await vault.issueCode(Fixtures.binding(clientID: client))
            clock.advance(31)
            await #expect(throws: OAuthError.invalidGrant("the authorization code has expired")) {
                try await vault.exchangeCode(late, clientID: client, redirectURI: Fixtures.redirect, verifier: Fixtures.verifier, resource: nil)
            }
            let code = try await vault.issueCode(Fixtures.binding(clientID: client))
            let tokens = try await vault.exchangeCode(
                code,
                clientID: client,
                redirectURI: Fixtures.redirect,
                verifier: Fixtures.verifier,
                resource: nil
            )
            #expect(tokens.expiresIn == 60)
            clock.advance(60)
            #expect(try await vault.validate(accessToken: tokens.accessToken, endpoint: Fixtures.base + "/mcp") == .invalid(.expired))
        }
    }

    @Test("forged, truncated and foreign-resource requests are refused")
    func forgeries() async throws {
        try await withVault { vault, _, _ in
            let client = try await Fixtures.publicClient(vault)
            let code = try await vault.issueCode(Fixtures.binding(clientID: client))
            await #expect(throws: OAuthError.invalidTarget("resource must be one of \(Fixtures.indicator.all.joined(separator: ", "))")) {
                try await vault.exchangeCode(
                    code,
                    clientID: client,
                    redirectURI: Fixtures.redirect,
                    verifier: Fixtures.verifier,
                    resource: "https://evil.example/mcp"
                )
            }
            await #expect(throws: OAuthError.invalidGrant("unknown authorization code")) {
                try await vault.exchangeCode(
                    String(code.dropLast()),
                    clientID: client,
                    redirectURI: Fixtures.redirect,
                    verifier: Fixtures.verifier,
                    resource: nil
                )
            }
            let tokens = try await vault.exchangeCode(
                code,
                clientID: client,
                redirectURI: Fixtures.redirect,
                verifier: Fixtures.verifier,
                resource: nil
            )
            #expect(
                try await vault.validate(accessToken: String(tokens.accessToken.dropLast()), endpoint: Fixtures.base + "/mcp") == .invalid(.unknown)
            )
            #expect(
                try await vault.validate(accessToken: "at_" + String(repeating: "A", count: 43), endpoint: Fixtures.base + "/mcp")
                    == .invalid(.unknown)
            )
            #expect(try await vault.validate(accessToken: tokens.refreshToken, endpoint: Fixtures.base + "/mcp") == .invalid(.unknown))
        }
    }

    @Test("revocation (RFC 7009): own tokens revoke the family, others' are ignored")
    func revocation() async throws {
        try await withVault { vault, _, _ in
            let client = try await Fixtures.publicClient(vault)
            let other = try await Fixtures.publicClient(vault)
            let tokens = try await vault.exchangeCode(
                try await vault.issueCode(Fixtures.binding(clientID: client)),
                clientID: client,
                redirectURI: Fixtures.redirect,
                verifier: Fixtures.verifier,
                resource: nil
            )
            try await vault.revoke(tokens.accessToken, clientID: other)
            #expect(try await vault.validate(accessToken: tokens.accessToken, endpoint: Fixtures.base + "/mcp") != .invalid(.revoked))
            try await vault.revoke("not-a-token", clientID: client)
            try await vault.revoke(tokens.accessToken, clientID: client)
            #expect(try await vault.validate(accessToken: tokens.accessToken, endpoint: Fixtures.base + "/mcp") == .invalid(.revoked))
            await #expect(throws: OAuthError.invalidGrant("the refresh token has been revoked")) {
                try await vault.refresh(tokens.refreshToken, clientID: client, resource: nil, scope: nil)
            }
        }
    }

    @Test("a restart loses nothing, and only digests and sealed secrets are at rest")
    func persistence() async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let clock = TestClock()
        var database = try temp.open()
        var vault = Fixtures.vault(database, clock: clock)
        let client = try await Fixtures.publicClient(vault)
        let tokens = try await vault.exchangeCode(
            try await vault.issueCode(Fixtures.binding(clientID: client)),
            clientID: client,
            redirectURI: Fixtures.redirect,
            verifier: Fixtures.verifier,
            resource: nil
        )
        let pendingCode = try await vault.issueCode(Fixtures.binding(clientID: client))
        try await vault.storeUpstream(
            UpstreamCredential(discogsUserID: 42, username: "digger", token: "dgs-token-value", secret: "dgs-secret-value"),
            subject: "discogs:42"
        )
        try database.close()

        database = try temp.open()
        vault = Fixtures.vault(database, clock: clock)
        #expect(try await vault.client(id: client) != nil)
        #expect(try await vault.validate(accessToken: tokens.accessToken, endpoint: Fixtures.base + "/mcp") != .invalid(.unknown))
        let later = try await vault.exchangeCode(
            pendingCode,
            clientID: client,
            redirectURI: Fixtures.redirect,
            verifier: Fixtures.verifier,
            resource: nil
        )
        _ = try await vault.refresh(tokens.refreshToken, clientID: client, resource: nil, scope: nil)
        #expect(
            try await vault.upstream(subject: "discogs:42")
                == UpstreamCredential(discogsUserID: 42, username: "digger", token: "dgs-token-value", secret: "dgs-secret-value")
        )
        // After a restart, background jobs find the credentials by Discogs username (any case).
        #expect(try await vault.upstream(username: "DIGGER")?.subject == "discogs:42")
        #expect(try await vault.upstream(username: "DIGGER")?.credential.token == "dgs-token-value")
        #expect(try await vault.upstream(username: "someone-else") == nil)

        let dump = try await database.pool.read { db in
            try ["oauth_client", "oauth_authorization_code", "oauth_access_token", "oauth_refresh_token", "oauth_upstream_credential"]
                .flatMap { try Row.fetchAll(db, sql: "SELECT * FROM \($0)") }
                .map { $0.description }.joined(separator: "\n")
        }
        try database.close()
        let file =
            try Data(contentsOf: URL(fileURLWithPath: temp.path)) + ((try? Data(contentsOf: URL(fileURLWithPath: temp.path + "-wal"))) ?? Data())
        for secret in [tokens.accessToken, tokens.refreshToken, pendingCode, later.accessToken, "dgs-token-value", "dgs-secret-value"] {
            #expect(!dump.contains(secret))
            #expect(file.range(of: Data(secret.utf8)) == nil)
        }
        #expect(dump.contains(OpaqueToken.digest(tokens.accessToken)))

        // A different server secret cannot open the sealed Discogs credentials.
        let reopened = try temp.open()
        let wrongKey = Fixtures.vault(reopened, clock: clock, secret: String(repeating: "z", count: 40))
        await #expect(throws: SecretBox.Failure.authenticationFailed) { try await wrongKey.upstream(subject: "discogs:42") }
        try reopened.close()
    }

    @Test("pending authorizations are single use, expire, and are bound to the request token")
    func pending() async throws {
        try await withVault { vault, clock, _ in
            let client = try await Fixtures.publicClient(vault)
            let binding = PendingBinding(
                clientID: client,
                redirectURI: Fixtures.redirect,
                codeChallenge: Fixtures.challenge,
                state: "xyz",
                resource: Fixtures.base + "/mcp",
                scope: "read",
                upstreamRequestToken: "rt-1",
                upstreamRequestSecret: "rts-1"
            )
            let id = try await vault.beginPending(binding)
            #expect(try await vault.completePending(id: id, upstreamRequestToken: "rt-other") == nil)
            let done = try await vault.completePending(id: id, upstreamRequestToken: "rt-1")
            #expect(done?.0.state == "xyz" && done?.requestSecret == "rts-1")
            #expect(try await vault.completePending(id: id, upstreamRequestToken: "rt-1") == nil)

            let stale = try await vault.beginPending(binding)
            clock.advance(901)
            #expect(try await vault.completePending(id: stale, upstreamRequestToken: "rt-1") == nil)
        }
    }

    @Test("client authentication follows the registered method")
    func clientAuthentication() async throws {
        try await withVault { vault, _, _ in
            var metadata = ClientMetadata()
            metadata.redirectURIs = ["https://app.example.com/cb"]
            metadata.tokenEndpointAuthMethod = "client_secret_post"
            let registered = try await vault.register(try RegistrationPolicy(supportedScopes: Fixtures.scopes).validate(metadata))
            let secret = try #require(registered.clientSecret)
            #expect(registered.clientSecretExpiresAt == 0)
            _ = try await vault.authenticate(ClientCredentials(clientID: registered.clientID, secret: secret, channel: .post))
            await #expect(throws: OAuthError.invalidClient("client authentication failed")) {
                try await vault.authenticate(ClientCredentials(clientID: registered.clientID, secret: secret + "x", channel: .post))
            }
            await #expect(throws: OAuthError.invalidClient("this client must authenticate with client_secret_post")) {
                try await vault.authenticate(ClientCredentials(clientID: registered.clientID, secret: secret, channel: .basic))
            }
            await #expect(throws: OAuthError.invalidClient("unknown client_id; register again")) {
                try await vault.authenticate(ClientCredentials(clientID: "nope", secret: nil, channel: .none))
            }
        }
    }

    @Test("redirect URIs match exactly, except a loopback IP's port")
    func redirectMatching() {
        let registered = ["http://127.0.0.1:33418/callback", "https://claude.ai/api/mcp/auth_callback"]
        #expect(TokenVault.redirectURIMatches("https://claude.ai/api/mcp/auth_callback", registered: registered))
        #expect(TokenVault.redirectURIMatches("http://127.0.0.1:50000/callback", registered: registered))
        #expect(!TokenVault.redirectURIMatches("http://127.0.0.1:50000/callbacks", registered: registered))
        #expect(!TokenVault.redirectURIMatches("https://claude.ai/api/mcp/auth_callback/", registered: registered))
        #expect(!TokenVault.redirectURIMatches("https://claude.ai/api/mcp/auth_callbacK", registered: registered))
        #expect(!TokenVault.redirectURIMatches("http://localhost:33418/callback", registered: registered))
    }
}

@Suite("TokenVault housekeeping")
struct TokenVaultHousekeepingTests {
    @Test("purgeExpired removes expired codes and tokens only")
    func purge() async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let clock = TestClock()
        let database = try temp.open()
        let vault = Fixtures.vault(database, clock: clock, lifetimes: TokenLifetimes(accessToken: 60, refreshToken: 120, authorizationCode: 30))
        let client = try await Fixtures.publicClient(vault)
        _ = try await vault.issueCode(Fixtures.binding(clientID: client))
        let tokens = try await vault.exchangeCode(
            try await vault.issueCode(Fixtures.binding(clientID: client)),
            clientID: client,
            redirectURI: Fixtures.redirect,
            verifier: Fixtures.verifier,
            resource: nil
        )
        #expect(try await vault.purgeExpired() == 0)
        clock.advance(61)
        #expect(try await vault.purgeExpired() == 3)  // two codes, one access token
        _ = try await vault.refresh(tokens.refreshToken, clientID: client, resource: nil, scope: nil)
        try database.close()
    }
}
