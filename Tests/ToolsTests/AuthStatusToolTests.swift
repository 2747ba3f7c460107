import Discogs
import MCP
import Testing
import Tools

@Suite("auth_status")
struct AuthStatusToolTests {
    @Test("a personal token's owner is named from the account resolver; anonymous callers get the sign-in hint")
    func namesTheAccount() async throws {
        let caller = Caller(principalID: "personal:abc", kind: "personal-token", scopes: ["read", "write", "marketplace"])
        let accounts = FixedAccountResolver(["personal:abc": DiscogsAccount(username: "ann", credential: .personalToken("t"))])
        let tool = AuthStatusTool(signInHint: "Set DISCOGS_TOKEN.", accounts: accounts)
        let signedIn = try await tool.call([:], context: ToolContext(caller: caller, revision: .v2025_11_25, transport: .stdio))
        #expect(signedIn.structuredContent?["username"] == "ann")
        #expect(signedIn.content == [.text("Signed in as Discogs user ann via personal-token; scopes: marketplace, read, write.")])
        let anonymous = try await tool.call([:], context: ToolContext(caller: .anonymous, revision: .v2025_11_25, transport: .stdio))
        #expect(anonymous.structuredContent?["username"] == nil)
        #expect(anonymous.structuredContent?["howToSignIn"] == "Set DISCOGS_TOKEN.")
    }
}
