import Auth
import Testing

@Suite("Registration policy (RFC 7591)")
struct RegistrationPolicyTests {
    let policy = RegistrationPolicy(supportedScopes: Fixtures.scopes)

    func metadata(_ uris: [String]) -> ClientMetadata {
        var metadata = ClientMetadata()
        metadata.redirectURIs = uris
        return metadata
    }

    @Test(
        "https and loopback http redirect URIs are accepted",
        arguments: [
            "https://claude.ai/api/mcp/auth_callback", "http://127.0.0.1:33418/callback", "http://localhost:8080/cb", "http://[::1]:9000/cb",
        ]
    )
    func accepted(_ uri: String) throws {
        _ = try policy.validate(metadata([uri]))
    }

    @Test(
        "unsafe redirect URIs are refused with invalid_redirect_uri",
        arguments: [
            "javascript:alert(1)", "http://example.com/cb", "https://app.example.com/cb#frag", "https://*.example.com/cb", "/relative",
            "data:text/html,hi", "https://user:pw@app.example.com/cb", "http://127.0.0.2.example.com/cb",
        ]
    )
    func refused(_ uri: String) {
        #expect(throws: OAuthError.self) { try policy.validate(metadata([uri])) }
        do {
            _ = try policy.validate(metadata([uri]))
        } catch let error as OAuthError {
            #expect(error.code == "invalid_redirect_uri")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("defaults are filled in and unknown scopes dropped")
    func defaults() throws {
        var request = metadata(["https://a.example/cb"])
        request.scope = "read offline_access"
        let validated = try policy.validate(request)
        #expect(validated.tokenEndpointAuthMethod == "client_secret_basic")
        #expect(validated.grantTypes == ["authorization_code"])
        #expect(validated.responseTypes == ["code"])
        #expect(validated.applicationType == "web")
        #expect(validated.scope == "read")
    }

    @Test("bad methods, grants, response types and application types are invalid_client_metadata")
    func badMetadata() {
        var method = metadata(["https://a.example/cb"])
        method.tokenEndpointAuthMethod = "private_key_jwt"
        var grant = metadata(["https://a.example/cb"])
        grant.grantTypes = ["implicit"]
        var response = metadata(["https://a.example/cb"])
        response.responseTypes = ["token"]
        var application = metadata(["https://a.example/cb"])
        application.applicationType = "desktop"
        for request in [method, grant, response, application] {
            #expect(throws: OAuthError.self) { try policy.validate(request) }
        }
        #expect(throws: OAuthError.invalidRedirectURI("redirect_uris is required and must not be empty")) { try policy.validate(ClientMetadata()) }
    }
}
