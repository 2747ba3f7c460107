import Auth
import Testing

@Suite("Access key for single-user HTTP")
struct AccessKeyAuthenticatorTests {
    static let key = String(repeating: "k", count: 40)

    @Test("only Bearer <key> authenticates; anything else is a 401 challenge")
    func key() async {
        let principal = Principal.personalToken("t")
        let authenticator = AccessKeyAuthenticator(key: Self.key, principal: principal)
        #expect(await authenticator.authenticate(authorization: "Bearer \(Self.key)") == .authenticated(principal))
        #expect(await authenticator.authenticate(authorization: "bearer \(Self.key)") == .authenticated(principal))
        for header in [nil, "", "Bearer ", "Bearer " + Self.key.dropLast(), "Bearer \(Self.key)x", "Basic \(Self.key)", Self.key] {
            guard case .challenge(let challenge, _) = await authenticator.authenticate(authorization: header) else {
                Issue.record("\(header ?? "nil") must be refused")
                continue
            }
            #expect(challenge.hasPrefix("Bearer realm=\"discogs-mcp\""))
        }
    }
}
