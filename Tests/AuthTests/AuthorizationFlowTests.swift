import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Locking
import NIOCore
import Storage
import Testing

/// Stands in for the Discogs login leg: mints the code for a fixed user straight after consent.
struct ImmediateLogin: ConsentApprovalHandler {
    let vault: TokenVault

    func approved(_ request: AuthorizationRequest) async throws -> Response {
        let code = try await vault.issueCode(
            CodeBinding(
                clientID: request.client.clientID,
                subject: "discogs:7",
                redirectURI: request.redirectURI,
                codeChallenge: request.codeChallenge,
                resource: request.resource,
                scope: request.scope
            )
        )
        let location = AuthorizeValidator.redirectURL(request.redirectURI, ["code": code, "state": request.state, "iss": vault.indicator.base])
        return Response(status: .found, headers: [.location: location])
    }
}

/// Subjects the token endpoint announced as newly granted.
final class GrantLog: Sendable {
    let subjects = Locked<[String]>([])
}

@Suite("Authorization flow, in process")
struct AuthorizationFlowTests {
    @Test("discover → register → authorize → consent → token → bearer → refresh → revoke → 401")
    func fullFlow() async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let database = try temp.open()
        let vault = Fixtures.vault(database, clock: TestClock())
        let router = Router()
        let granted = GrantLog()
        var oauth = OAuthRoutes(vault: vault, scopes: Fixtures.scopes)
        oauth.onGrant = { subject in granted.subjects.withLock { $0.append(subject) } }
        oauth.addRoutes(to: router)
        AuthorizeRoutes(
            validator: AuthorizeValidator(vault: vault, supportedScopes: Fixtures.scopes, defaultScopes: ["read"]),
            csrf: ConsentCSRF(keyMaterial: String(repeating: "c", count: 40)),
            approval: ImmediateLogin(vault: vault)
        ).addRoutes(to: router)
        let bearer = BearerAuthenticator(vault: vault, indicator: Fixtures.indicator, endpointPath: "/mcp", challengeScope: "read")

        try await Application(router: router).test(.router) { client in
            let prm = try await client.execute(uri: "/.well-known/oauth-protected-resource/mcp", method: .get) { try OAuthRoutesTests.json($0) }
            let metadata = try await client.execute(uri: "/.well-known/oauth-authorization-server", method: .get) { try OAuthRoutesTests.json($0) }
            #expect((prm["authorization_servers"] as? [String])?.first == metadata["issuer"] as? String)

            let registration =
                #"{"client_name":"e2e","redirect_uris":["\#(Fixtures.redirect)"],"token_endpoint_auth_method":"none","grant_types":["authorization_code","refresh_token"],"application_type":"native"}"#
            let clientID = try await client.execute(
                uri: "/register",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: registration)
            ) { response in
                try #require(try OAuthRoutesTests.json(response)["client_id"] as? String)
            }
            var parameters = AuthorizeRoutesTests.valid(clientID)
            parameters["client_name"] = nil
            parameters["scope"] = "read"
            let (token, cookie) = try await client.execute(uri: "/authorize?" + AuthorizeRoutesTests.query(parameters), method: .get) { response in
                let html = AuthorizeRoutesTests.text(response)
                let start = try #require(html.range(of: "name=\"csrf_token\" value=\"")).upperBound
                return (String(html[start...].prefix { $0 != "\"" }), String(try #require(response.headers[.setCookie]).split(separator: ";")[0]))
            }
            var approve = parameters
            approve["csrf_token"] = token
            approve["decision"] = "approve"
            let location = try #require(try await AuthorizeRoutesTests.post(client, approve, cookie: cookie).headers[.location])
            let items = URLComponents(string: location)?.queryItems ?? []
            #expect(location.hasPrefix(Fixtures.redirect + "?"))
            #expect(items.first { $0.name == "state" }?.value == "st-1")
            #expect(items.first { $0.name == "iss" }?.value == Fixtures.base)
            let code = try #require(items.first { $0.name == "code" }?.value)

            let tokenHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let tokens = try await client.execute(
                uri: "/token",
                method: .post,
                headers: tokenHeaders,
                body: OAuthRoutesTests.form([
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixtures.redirect), ("client_id", clientID),
                    ("code_verifier", Fixtures.verifier), ("resource", Fixtures.base + "/mcp"),
                ])
            ) { response in
                #expect(response.status == .ok)
                return try OAuthRoutesTests.json(response)
            }
            let access = try #require(tokens["access_token"] as? String)
            guard case .authenticated(let principal) = await bearer.authenticate(authorization: "Bearer \(access)") else {
                Issue.record("the issued token must authenticate at /mcp")
                return
            }
            #expect(principal.id == "discogs:7" && principal.scopes == [.read])

            let refreshed = try await client.execute(
                uri: "/token",
                method: .post,
                headers: tokenHeaders,
                body: OAuthRoutesTests.form([
                    ("grant_type", "refresh_token"), ("refresh_token", try #require(tokens["refresh_token"] as? String)), ("client_id", clientID),
                    ("resource", Fixtures.base + "/mcp"),
                ])
            ) { response in
                #expect(response.status == .ok)
                return try OAuthRoutesTests.json(response)
            }
            let newAccess = try #require(refreshed["access_token"] as? String)
            // A new grant (not a refresh) is announced, so live sessions of the user hear list_changed.
            #expect(granted.subjects.withLock { $0 } == ["discogs:7"])
            try await client.execute(
                uri: "/revoke",
                method: .post,
                headers: tokenHeaders,
                body: OAuthRoutesTests.form([("token", try #require(refreshed["refresh_token"] as? String)), ("client_id", clientID)])
            ) { response in
                #expect(response.status == .ok)
            }
            guard case .challenge(let header, _) = await bearer.authenticate(authorization: "Bearer \(newAccess)") else {
                Issue.record("a revoked grant must be refused")
                return
            }
            #expect(header.contains("error=\"invalid_token\""))
        }
        try database.close()
    }
}
