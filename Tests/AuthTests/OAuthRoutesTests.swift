import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@Suite("OAuth HTTP endpoints")
struct OAuthRoutesTests {
    struct Harness {
        let vault: TokenVault
        let routes: OAuthRoutes
        let app: Application<RouterResponder<BasicRequestContext>>
    }

    func withApp(openID: Bool = false, _ body: @escaping @Sendable (Harness, any TestClientProtocol) async throws -> Void) async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let database = try temp.open()
        let vault = Fixtures.vault(database, clock: TestClock())
        var routes = OAuthRoutes(vault: vault, scopes: Fixtures.scopes)
        routes.serveOpenIDConfiguration = openID
        let router = Router()
        routes.addRoutes(to: router)
        let app = Application(router: router)
        let harness = Harness(vault: vault, routes: routes, app: app)
        try await app.test(.router) { client in try await body(harness, client) }
        try database.close()
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test("protected resource metadata: root and path-aware documents (RFC 9728)")
    func protectedResource() async throws {
        try await withApp { _, client in
            for (path, resource) in [
                ("/.well-known/oauth-protected-resource", Fixtures.base), ("/.well-known/oauth-protected-resource/mcp", Fixtures.base + "/mcp"),
                ("/.well-known/oauth-protected-resource/mcp/", Fixtures.base + "/mcp"),
                ("/.well-known/oauth-protected-resource/sse", Fixtures.base + "/sse"),
            ] {
                try await client.execute(uri: path, method: .get, headers: [HTTPField.Name("MCP-Protocol-Version")!: "2026-07-28"]) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.accessControlAllowOrigin] == nil, "CORS is the edge's, for allowed origins only")
                    let document = try Self.json(response)
                    #expect(document["resource"] as? String == resource)
                    #expect(document["authorization_servers"] as? [String] == [Fixtures.base])
                    #expect(document["scopes_supported"] as? [String] == Fixtures.scopes)
                    #expect(document["bearer_methods_supported"] as? [String] == ["header"])
                }
            }
        }
    }

    @Test("authorization server metadata (RFC 8414) is complete; the OpenID twin is opt-in and identical")
    func authorizationServer() async throws {
        try await withApp { _, client in
            try await client.execute(uri: "/.well-known/openid-configuration", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        try await withApp(openID: true) { _, client in
            let (first, firstText) = try await client.execute(uri: "/.well-known/oauth-authorization-server", method: .get) { response in
                #expect(response.status == .ok)
                return (try Self.json(response), String(decoding: response.body.readableBytesView, as: UTF8.self))
            }
            let secondText = try await client.execute(uri: "/.well-known/openid-configuration", method: .get) { response in
                String(decoding: response.body.readableBytesView, as: UTF8.self)
            }
            #expect(firstText == secondText)
            #expect(
                Set(first.keys) == [
                    "issuer", "authorization_endpoint", "token_endpoint", "registration_endpoint", "revocation_endpoint", "response_types_supported",
                    "grant_types_supported", "code_challenge_methods_supported", "token_endpoint_auth_methods_supported", "scopes_supported",
                    "authorization_response_iss_parameter_supported", "client_id_metadata_document_supported",
                ]
            )
            #expect(first["issuer"] as? String == Fixtures.base)
            #expect(first["token_endpoint"] as? String == Fixtures.base + "/token")
            #expect(first["code_challenge_methods_supported"] as? [String] == ["S256"])
            #expect(first["response_types_supported"] as? [String] == ["code"])
            #expect(first["grant_types_supported"] as? [String] == ["authorization_code", "refresh_token"])
            #expect(first["token_endpoint_auth_methods_supported"] as? [String] == ["none", "client_secret_basic", "client_secret_post"])
            #expect(first["authorization_response_iss_parameter_supported"] as? Bool == true)
            #expect(first["client_id_metadata_document_supported"] as? Bool == false)
        }
    }

    @Test("registration: 201 without nulls; unsafe, malformed and oversized bodies refused")
    func registration() async throws {
        try await withApp { _, client in
            let good =
                #"{"client_name":"Claude","redirect_uris":["https://claude.ai/api/mcp/auth_callback"],"token_endpoint_auth_method":"none","client_uri":null,"application_type":"web","scope":"read"}"#
            try await client.execute(uri: "/register", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: good)) {
                response in
                #expect(response.status == .created)
                let text = String(decoding: response.body.readableBytesView, as: UTF8.self)
                #expect(!text.contains("null"))
                let body = try Self.json(response)
                #expect((body["client_id"] as? String)?.hasPrefix("mcp_") == true)
                #expect(body["client_secret"] == nil)
                #expect(body["redirect_uris"] as? [String] == ["https://claude.ai/api/mcp/auth_callback"])
                #expect(body["token_endpoint_auth_method"] as? String == "none")
            }
            for (payload, status, code) in [
                (#"{"redirect_uris":["javascript:alert(1)"]}"#, HTTPResponse.Status.badRequest, "invalid_redirect_uri"),
                (#"{"redirect_uris":["http://evil.example/cb"]}"#, .badRequest, "invalid_redirect_uri"),
                (#"{"redirect_uris":["https://a.example/cb#x"]}"#, .badRequest, "invalid_redirect_uri"),
                (#"{"redirect_uris":"https://a.example/cb"}"#, .badRequest, "invalid_client_metadata"),
                ("not json", .badRequest, "invalid_client_metadata"),
                (
                    #"{"redirect_uris":["https://a.example/cb"],"client_name":""# + String(repeating: "x", count: 20_000) + #""}"#, .contentTooLarge,
                    "invalid_client_metadata"
                ),
            ] {
                try await client.execute(
                    uri: "/register",
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: payload)
                ) { response in
                    #expect(response.status == status)
                    let errorCode = try Self.json(response)["error"] as? String
                    #expect(errorCode == code)
                }
            }
        }
    }

    @Test("token endpoint: code exchange, refresh rotation, exact RFC 6749 errors, revocation")
    func tokenFlow() async throws {
        try await withApp { harness, client in
            let clientID = try await Fixtures.publicClient(harness.vault)
            let code = try await harness.vault.issueCode(Fixtures.binding(clientID: clientID))
            func exchange(_ fields: [(String, String)]) async throws -> (HTTPResponse.Status, [String: Any], HTTPFields) {
                try await client.execute(uri: "/token", method: .post, headers: Self.formHeaders, body: Self.form(fields)) { response in
                    (response.status, try Self.json(response), response.headers)
                }
            }
            let codeGrant = [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixtures.redirect), ("client_id", clientID),
                ("resource", Fixtures.base + "/mcp"),
            ]
            // A wrong verifier is invalid_grant, and the code is spent all the same (single use).
            let wrong = try await exchange(codeGrant + [("code_verifier", String(repeating: "a", count: 43))])
            #expect(wrong.0 == .badRequest && wrong.1["error"] as? String == "invalid_grant")

            let fresh = try await harness.vault.issueCode(Fixtures.binding(clientID: clientID))
            var grant = codeGrant
            grant[1] = ("code", fresh)
            let ok = try await exchange(grant + [("code_verifier", Fixtures.verifier)])
            #expect(ok.0 == .ok)
            #expect(Set(ok.1.keys) == ["access_token", "token_type", "expires_in", "refresh_token", "scope"])
            #expect(ok.1["token_type"] as? String == "Bearer" && ok.1["scope"] as? String == "read")
            #expect(ok.2[.cacheControl] == "no-store")
            let refresh = try #require(ok.1["refresh_token"] as? String)

            let rotated = try await exchange([
                ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", clientID), ("resource", Fixtures.base + "/mcp"),
            ])
            #expect(rotated.0 == .ok)
            let reuse = try await exchange([("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", clientID)])
            #expect(reuse.0 == .badRequest && reuse.1["error"] as? String == "invalid_grant")

            // Replaying the code fails too (its family is already revoked by the refresh reuse above).
            let replay = try await exchange(grant + [("code_verifier", Fixtures.verifier)])
            #expect(replay.0 == .badRequest && replay.1["error"] as? String == "invalid_grant")

            let unknown = try await exchange([("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "ghost")])
            #expect(unknown.0 == .unauthorized && unknown.1["error"] as? String == "invalid_client")
            let unsupported = try await exchange([("grant_type", "password"), ("client_id", clientID)])
            #expect(unsupported.1["error"] as? String == "unsupported_grant_type")
            let missing = try await exchange([("client_id", clientID)])
            #expect(missing.1["error"] as? String == "invalid_request")
            let duplicated = try await exchange([("grant_type", "refresh_token"), ("grant_type", "refresh_token"), ("client_id", clientID)])
            #expect(duplicated.1["error"] as? String == "invalid_request")
            try await client.execute(uri: "/token", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")) {
                response in
                #expect(response.status == .badRequest)
                let errorCode = try Self.json(response)["error"] as? String
                #expect(errorCode == "invalid_request")
            }
        }
    }

    @Test("confidential client with client_secret_basic, and revocation")
    func basicClientAndRevocation() async throws {
        try await withApp { harness, client in
            var metadata = ClientMetadata()
            metadata.redirectURIs = [Fixtures.redirect]
            metadata.tokenEndpointAuthMethod = "client_secret_basic"
            metadata.grantTypes = ["authorization_code", "refresh_token"]
            let registered = try await harness.vault.register(try RegistrationPolicy(supportedScopes: Fixtures.scopes).validate(metadata))
            let secret = try #require(registered.clientSecret)
            let basic = "Basic " + Data("\(registered.clientID):\(secret)".utf8).base64EncodedString()
            var headers = Self.formHeaders
            headers[.authorization] = basic
            let code = try await harness.vault.issueCode(Fixtures.binding(clientID: registered.clientID))
            let fields = [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixtures.redirect), ("code_verifier", Fixtures.verifier),
                ("client_id", registered.clientID),
            ]
            let tokens = try await client.execute(uri: "/token", method: .post, headers: headers, body: Self.form(fields)) { response in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            var badHeaders = Self.formHeaders
            badHeaders[.authorization] = "Basic " + Data("\(registered.clientID):wrong".utf8).base64EncodedString()
            try await client.execute(
                uri: "/token",
                method: .post,
                headers: badHeaders,
                body: Self.form([("grant_type", "refresh_token"), ("refresh_token", "x")])
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
                let errorCode = try Self.json(response)["error"] as? String
                #expect(errorCode == "invalid_client")
            }
            let access = try #require(tokens["access_token"] as? String)
            try await client.execute(uri: "/revoke", method: .post, headers: headers, body: Self.form([("token", access)])) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/revoke", method: .post, headers: headers, body: Self.form([("token", "unknown")])) { response in
                #expect(response.status == .ok)
            }
            #expect(try await harness.vault.validate(accessToken: access, endpoint: Fixtures.base + "/mcp") == .invalid(.revoked))
            let refresh = try #require(tokens["refresh_token"] as? String)
            try await client.execute(
                uri: "/token",
                method: .post,
                headers: headers,
                body: Self.form([("grant_type", "refresh_token"), ("refresh_token", refresh)])
            ) { response in
                #expect(response.status == .badRequest)
                let errorCode = try Self.json(response)["error"] as? String
                #expect(errorCode == "invalid_grant")
            }
        }
    }
}
