import Auth
import Foundation
import Storage
import Testing

@Suite("BearerAuthenticator")
struct BearerAuthenticatorTests {
    @Test("challenges, audience and principal")
    func bearer() async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let database = try temp.open()
        let vault = Fixtures.vault(database, clock: TestClock())
        let mcp = BearerAuthenticator(vault: vault, indicator: Fixtures.indicator, endpointPath: "/mcp", challengeScope: "read")
        let sse = BearerAuthenticator(vault: vault, indicator: Fixtures.indicator, endpointPath: "/sse", challengeScope: "read")

        #expect(
            await mcp.authenticate(authorization: nil)
                == .challenge(
                    wwwAuthenticate: "Bearer resource_metadata=\"\(Fixtures.base)/.well-known/oauth-protected-resource/mcp\", scope=\"read\"",
                    reason: "missing bearer token"
                )
        )

        let client = try await Fixtures.publicClient(vault)
        let tokens = try await vault.exchangeCode(
            try await vault.issueCode(Fixtures.binding(clientID: client, scope: "read write")),
            clientID: client,
            redirectURI: Fixtures.redirect,
            verifier: Fixtures.verifier,
            resource: nil
        )
        guard case .authenticated(let principal) = await mcp.authenticate(authorization: "Bearer \(tokens.accessToken)") else {
            Issue.record("expected an authenticated principal")
            return
        }
        #expect(principal.id == "discogs:42" && principal.kind == .oauth && principal.scopes == [.read, .write])

        guard case .challenge(let header, let reason) = await sse.authenticate(authorization: "Bearer \(tokens.accessToken)") else {
            Issue.record("a /mcp token must not work on /sse")
            return
        }
        #expect(header.hasPrefix("Bearer error=\"invalid_token\"") && header.contains("oauth-protected-resource/sse"))
        #expect(reason == "the access token was issued for another resource")
        guard case .challenge = await mcp.authenticate(authorization: "Bearer at_forged") else {
            Issue.record("forged token accepted")
            return
        }
        try database.close()
    }
}
