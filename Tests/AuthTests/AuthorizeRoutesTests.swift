import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

/// Records approvals instead of starting the Discogs login.
struct RecordingApproval: ConsentApprovalHandler {
    func approved(_ request: AuthorizationRequest) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "approved \(request.resource) \(request.scope)"))
        )
    }
}

@Suite("/authorize validation and consent")
struct AuthorizeRoutesTests {
    struct Context: Sendable {
        let vault: TokenVault
        let clientID: String
    }

    func withApp(loginStartsPerHour: Int? = nil, _ body: @escaping @Sendable (Context, any TestClientProtocol) async throws -> Void) async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let database = try temp.open()
        let vault = Fixtures.vault(database, clock: TestClock())
        var metadata = ClientMetadata()
        metadata.redirectURIs = [Fixtures.redirect]
        metadata.tokenEndpointAuthMethod = "none"
        metadata.clientName = "<script>alert(1)</script>"
        let clientID = try await vault.register(try RegistrationPolicy(supportedScopes: Fixtures.scopes).validate(metadata)).clientID
        var routes = AuthorizeRoutes(
            validator: AuthorizeValidator(vault: vault, supportedScopes: Fixtures.scopes, defaultScopes: ["read"]),
            csrf: ConsentCSRF(keyMaterial: String(repeating: "c", count: 40)),
            approval: RecordingApproval()
        )
        routes.loginStarts = loginStartsPerHour.map { LoginStartLimiter(perHour: $0) }
        let router = Router()
        routes.addRoutes(to: router)
        try await Application(router: router).test(.router) { client in try await body(Context(vault: vault, clientID: clientID), client) }
        try database.close()
    }

    static func query(_ parameters: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.sorted().joined(separator: "&")
    }

    static func valid(_ clientID: String) -> [String: String] {
        [
            "response_type": "code", "client_id": clientID, "redirect_uri": Fixtures.redirect, "code_challenge": Fixtures.challenge,
            "code_challenge_method": "S256", "state": "st-1", "resource": Fixtures.base + "/mcp", "scope": "read write",
        ]
    }

    static func text(_ response: TestResponse) -> String { String(decoding: response.body.readableBytesView, as: UTF8.self) }

    @Test("untrusted client or redirect URI: an error page, never a redirect")
    func errorPages() async throws {
        try await withApp { context, client in
            var unknown = Self.valid(context.clientID)
            unknown["client_id"] = "mcp_unknown"
            var differing = Self.valid(context.clientID)
            differing["redirect_uri"] = Fixtures.redirect + "x"
            var foreign = Self.valid(context.clientID)
            foreign["redirect_uri"] = "https://evil.example/callback"
            var missing = Self.valid(context.clientID)
            missing["client_id"] = nil
            for parameters in [unknown, differing, foreign, missing] {
                try await client.execute(uri: "/authorize?" + Self.query(parameters), method: .get) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.headers[.location] == nil)
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                }
            }
        }
    }

    @Test(
        "errors before consent are shown to the person, never redirected to the client (RFC 9700 §4.11)",
        arguments: [
            ("response_type", "token", "unsupported_response_type"), ("code_challenge_method", "plain", "invalid_request"),
            ("code_challenge_method", "", "invalid_request"), ("code_challenge", "", "invalid_request"), ("state", "", "invalid_request"),
            ("resource", "https://evil.example/mcp", "invalid_target"), ("scope", "read admin", "invalid_scope"),
        ]
    )
    func errorsAreNotRedirected(_ name: String, _ value: String, _ code: String) async throws {
        try await withApp { context, client in
            var parameters = Self.valid(context.clientID)
            parameters[name] = value
            try await client.execute(uri: "/authorize?" + Self.query(parameters), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.location] == nil)
                #expect(Self.text(response).contains(code))
            }
            // The consent form's POST is checked the same way: a forged POST cannot bounce either.
            parameters["decision"] = "approve"
            let posted = try await Self.post(client, parameters, cookie: nil)
            #expect(posted.status == .badRequest && posted.headers[.location] == nil)
        }
    }

    /// Loads the consent page; returns its CSRF token and cookie nonce.
    static func consent(_ client: any TestClientProtocol, _ parameters: [String: String]) async throws -> (token: String, cookie: String) {
        try await client.execute(uri: "/authorize?" + query(parameters), method: .get) { response in
            #expect(response.status == .ok)
            let html = text(response)
            #expect(html.contains("<form method=\"post\""))
            #expect(html.contains("name=\"decision\" value=\"approve\"") && html.contains("name=\"decision\" value=\"deny\""))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"))
            #expect(html.contains("127.0.0.1"))
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let setCookie = try #require(response.headers[.setCookie])
            #expect(
                setCookie.hasPrefix(ConsentCSRF.cookieName + "=") && setCookie.contains("HttpOnly") && setCookie.contains("Secure")
                    && setCookie.contains("SameSite=Lax")
            )
            let cookie = String(setCookie.split(separator: ";")[0])
            let marker = "name=\"csrf_token\" value=\""
            let start = try #require(html.range(of: marker)).upperBound
            let token = String(html[start...].prefix { $0 != "\"" })
            return (token, cookie)
        }
    }

    static func post(_ client: any TestClientProtocol, _ fields: [String: String], cookie: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: "/authorize", method: .post, headers: headers, body: ByteBuffer(string: query(fields)))
    }

    @Test("consent without, or with a wrong, CSRF token or cookie is refused; tampering is refused")
    func csrf() async throws {
        try await withApp { context, client in
            let parameters = Self.valid(context.clientID)
            let (token, cookie) = try await Self.consent(client, parameters)
            var approve = parameters
            approve["decision"] = "approve"
            #expect(try await Self.post(client, approve, cookie: cookie).status == .forbidden)
            approve["csrf_token"] = token
            #expect(try await Self.post(client, approve, cookie: nil).status == .forbidden)
            #expect(try await Self.post(client, approve, cookie: ConsentCSRF.cookieName + "=other").status == .forbidden)
            var wrong = approve
            wrong["csrf_token"] = String(token.dropLast()) + (token.hasSuffix("A") ? "B" : "A")
            #expect(try await Self.post(client, wrong, cookie: cookie).status == .forbidden)
            var tampered = approve
            tampered["scope"] = "read write marketplace"
            #expect(try await Self.post(client, tampered, cookie: cookie).status == .forbidden)
            approve["scope_write"] = "on"
            let ok = try await Self.post(client, approve, cookie: cookie)
            #expect(ok.status == .ok)
            #expect(Self.text(ok) == "approved \(Fixtures.base)/mcp read write")
            // Single use: the same page posted again buys nothing.
            let again = try await Self.post(client, approve, cookie: cookie)
            #expect(again.status == .forbidden && Self.text(again).contains("already submitted"))
        }
    }

    @Test("the consent page has a checkbox per requested scope: read required, the others ticked")
    func scopeCheckboxes() async throws {
        try await withApp { context, client in
            var parameters = Self.valid(context.clientID)
            parameters["scope"] = "read write marketplace"
            try await client.execute(uri: "/authorize?" + Self.query(parameters), method: .get) { response in
                let html = Self.text(response)
                #expect(html.contains(#"id="scope-read" checked disabled"#))
                #expect(html.contains(#"name="scope_write" value="on" checked"#))
                #expect(html.contains(#"name="scope_marketplace" value="on" checked"#))
                #expect(html.contains(ConsentPage.scopeDescriptions["marketplace"] ?? "?"))
            }
        }
    }

    @Test(
        "the grant is what was ticked, never more than was asked",
        arguments: [
            ("read write marketplace", ["scope_write", "scope_marketplace"], "read write marketplace"),
            ("read write marketplace", [], "read"),
            ("read write marketplace", ["scope_marketplace"], "read marketplace"),
            ("read", ["scope_write", "scope_marketplace"], "read"),
            ("read write", ["scope_write", "scope_marketplace"], "read write"),
        ]
    )
    func grantIsWhatWasTicked(_ requested: String, _ ticked: [String], _ granted: String) async throws {
        try await withApp { context, client in
            var parameters = Self.valid(context.clientID)
            parameters["scope"] = requested
            let (token, cookie) = try await Self.consent(client, parameters)
            var approve = parameters
            approve["csrf_token"] = token
            approve["decision"] = "approve"
            for field in ticked { approve[field] = "on" }
            let response = try await Self.post(client, approve, cookie: cookie)
            #expect(Self.text(response) == "approved \(Fixtures.base)/mcp \(granted)")
        }
    }

    @Test("approvals from one address stop at the login-start cap with 429")
    func loginStartCap() async throws {
        try await withApp(loginStartsPerHour: 2) { context, client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<4 {
                let parameters = Self.valid(context.clientID)
                let (token, cookie) = try await Self.consent(client, parameters)
                var approve = parameters
                approve["csrf_token"] = token
                approve["decision"] = "approve"
                let response = try await Self.post(client, approve, cookie: cookie)
                statuses.append(response.status)
                if response.status == .tooManyRequests { #expect(response.headers[.retryAfter] != nil) }
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests, .tooManyRequests])
        }
    }

    @Test("denied consent returns access_denied with state and iss")
    func deny() async throws {
        try await withApp { context, client in
            var parameters = Self.valid(context.clientID)
            parameters["resource"] = nil
            parameters["scope"] = nil
            let (token, cookie) = try await Self.consent(client, parameters)
            // The page carries the defaults (root resource, default scope) in its hidden fields.
            var deny = parameters
            deny["resource"] = Fixtures.base
            deny["scope"] = "read"
            deny["csrf_token"] = token
            deny["decision"] = "deny"
            let response = try await Self.post(client, deny, cookie: cookie)
            #expect(response.status == .found)
            let items = URLComponents(string: response.headers[.location] ?? "")?.queryItems ?? []
            #expect(items.first { $0.name == "error" }?.value == "access_denied")
            #expect(items.first { $0.name == "state" }?.value == "st-1")
            #expect(items.first { $0.name == "iss" }?.value == Fixtures.base)
        }
    }
}
