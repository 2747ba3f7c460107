import AsyncHTTPClient
import Auth
import Discogs
import DiscogsSandbox
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Locking
import Logging
import NIOCore
import NIOHTTP1
import Storage
import Testing

/// The whole authorization round trip with the real Discogs login leg against the sandbox Discogs.
@Suite("Discogs login leg, against the sandbox")
struct DiscogsLoginTests {
    /// Everything one test needs: sandbox, client, vault, routes.
    struct Rig: Sendable {
        let sandbox: FakeDiscogsServer
        let discogs: DiscogsClient
        let vault: TokenVault
        let links: LoginLinks
        let events: EventLog
    }

    final class EventLog: OAuthObserver {
        let events = Locked<[String]>([])
        func oauthEvent(_ event: OAuthEvent) { events.withLock { $0.append(event.rawValue) } }
        func oauthFailure(_ reason: String) { events.withLock { $0.append("failure:" + reason) } }
        var all: [String] { events.withLock { $0 } }
    }

    final class Bound: Sendable {
        let calls = Locked<[(String, Principal)]>([])
    }

    static func withRig(allowedUsers: Set<String> = [], _ body: (Rig, Router<BasicRequestContext>) async throws -> Void) async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let database = try temp.open()
        let sandbox = try await FakeDiscogsServer.startSandbox(SampleAccount.Options(collectionSize: 5, wantlistSize: 2))
        let url = try #require(URL(string: sandbox.baseURL))
        let discogs = DiscogsClient(
            configuration: DiscogsConfiguration(
                apiURL: url,
                webURL: url,
                userAgent: "auth-tests/1.0",
                consumerKey: SampleAccount.consumerKey,
                consumerSecret: SampleAccount.consumerSecret
            )
        )
        let vault = Fixtures.vault(database, clock: TestClock(Date()))
        let events = EventLog()
        let links = LoginLinks(base: Fixtures.base, scopes: [.read, .write])
        var login = DiscogsLogin(vault: vault, discogs: discogs, links: links, observer: events, logger: Logger(label: "test"))
        login.allowedUsers = allowedUsers
        let csrf = ConsentCSRF(keyMaterial: String(repeating: "c", count: 40))
        let router = Router()
        var oauth = OAuthRoutes(vault: vault, scopes: Fixtures.scopes)
        oauth.observer = events
        oauth.addRoutes(to: router)
        var authorize = AuthorizeRoutes(
            validator: AuthorizeValidator(vault: vault, supportedScopes: Fixtures.scopes, defaultScopes: ["read"]),
            csrf: csrf,
            approval: login
        )
        authorize.observer = events
        authorize.addRoutes(to: router)
        login.addRoutes(to: router)
        LoginLinkRoutes(links: links, login: login, csrf: csrf).addRoutes(to: router)
        let rig = Rig(sandbox: sandbox, discogs: discogs, vault: vault, links: links, events: events)
        do {
            try await body(rig, router)
        } catch {
            try? await discogs.shutdown()
            await sandbox.stop()
            throw error
        }
        try? await discogs.shutdown()
        await sandbox.stop()
        try database.close()
    }

    /// GETs a sandbox URL without following redirects; returns the Location.
    static func sandboxLocation(_ url: String) async throws -> String {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        defer { _ = client.shutdown() }
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        #expect(response.status == .found)
        return try #require(response.headers.first(name: "Location"))
    }

    /// Consent page → approve: returns the 302 to Discogs and the login cookie.
    static func approve(_ client: some TestClientProtocol, clientID: String) async throws -> (discogsURL: String, cookie: String) {
        var parameters = AuthorizeRoutesTests.valid(clientID)
        parameters["scope"] = "read write"
        let (token, cookie) = try await client.execute(uri: "/authorize?" + AuthorizeRoutesTests.query(parameters), method: .get) { response in
            let html = AuthorizeRoutesTests.text(response)
            let start = try #require(html.range(of: "name=\"csrf_token\" value=\"")).upperBound
            return (String(html[start...].prefix { $0 != "\"" }), String(try #require(response.headers[.setCookie]).split(separator: ";")[0]))
        }
        parameters["csrf_token"] = token
        parameters["decision"] = "approve"
        parameters["scope_write"] = "on"
        let response = try await AuthorizeRoutesTests.post(client, parameters, cookie: cookie)
        #expect(response.status == .found)
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.hasPrefix(DiscogsLogin.cookieName + "=") && setCookie.contains("HttpOnly") && setCookie.contains("Secure"))
        return (try #require(response.headers[.location]), String(setCookie.split(separator: ";")[0]))
    }

    static func callbackPath(_ location: String) throws -> String {
        let components = try #require(URLComponents(string: location))
        #expect(components.path == DiscogsLogin.callbackPath)
        return components.path + "?" + (components.percentEncodedQuery ?? "")
    }

    @Test("consent → Discogs request token → authorize → callback → identity → code → tokens; upstream stored sealed")
    func fullLogin() async throws {
        try await Self.withRig { rig, router in
            let clientID = try await Fixtures.publicClient(rig.vault)
            try await Application(router: router).test(.router) { client in
                let (discogsURL, cookie) = try await Self.approve(client, clientID: clientID)
                let sandboxAuthorize = rig.sandbox.baseURL + "/oauth/authorize?oauth_token="
                #expect(discogsURL.hasPrefix(sandboxAuthorize))
                let callback = try Self.callbackPath(try await Self.sandboxLocation(discogsURL))
                let location = try await client.execute(uri: callback, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .found)
                    return try #require(response.headers[.location])
                }
                let items = URLComponents(string: location)?.queryItems ?? []
                #expect(location.hasPrefix(Fixtures.redirect + "?"))
                #expect(items.first { $0.name == "state" }?.value == "st-1")
                #expect(items.first { $0.name == "iss" }?.value == Fixtures.base)
                let code = try #require(items.first { $0.name == "code" }?.value)
                let tokens = try await rig.vault.exchangeCode(
                    code,
                    clientID: clientID,
                    redirectURI: Fixtures.redirect,
                    verifier: Fixtures.verifier,
                    resource: Fixtures.base + "/mcp"
                )
                #expect(tokens.scope == "read write")
                #expect(tokens.subject.hasPrefix("discogs:"))
                let stored = try await rig.vault.upstream(subject: tokens.subject)
                let upstream = try #require(stored)
                #expect(upstream.username != nil && !upstream.token.isEmpty)
                // The callback is single use.
                try await client.execute(uri: callback, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .badRequest)
                }
            }
            let events = rig.events.all
            #expect(events.contains("authorization_started") && events.contains("authorization_approved"))
        }
    }

    @Test("a callback without the login cookie is refused and shown as a page")
    func callbackNeedsCookie() async throws {
        try await Self.withRig { rig, router in
            let clientID = try await Fixtures.publicClient(rig.vault)
            try await Application(router: router).test(.router) { client in
                let (discogsURL, _) = try await Self.approve(client, clientID: clientID)
                let callback = try Self.callbackPath(try await Self.sandboxLocation(discogsURL))
                try await client.execute(uri: callback, method: .get) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.headers[.location] == nil)
                }
                try await client.execute(uri: callback, method: .get, headers: [.cookie: DiscogsLogin.cookieName + "=pa_forged"]) { response in
                    #expect(response.status == .badRequest)
                }
            }
        }
    }

    @Test("a denied Discogs login sends error=access_denied with state and iss to the client")
    func discogsDenied() async throws {
        try await Self.withRig { rig, router in
            let clientID = try await Fixtures.publicClient(rig.vault)
            try await Application(router: router).test(.router) { client in
                let (discogsURL, cookie) = try await Self.approve(client, clientID: clientID)
                let callback = try Self.callbackPath(try await Self.sandboxLocation(discogsURL + "&decision=deny"))
                try await client.execute(uri: callback, method: .get, headers: [.cookie: cookie]) { response in
                    let location = try #require(response.headers[.location])
                    let items = URLComponents(string: location)?.queryItems ?? []
                    #expect(items.first { $0.name == "error" }?.value == "access_denied")
                    #expect(items.first { $0.name == "state" }?.value == "st-1")
                    #expect(items.first { $0.name == "iss" }?.value == Fixtures.base)
                    #expect(items.first { $0.name == "code" } == nil)
                }
            }
            let events = rig.events.all
            #expect(events.contains("failure:discogs_denied"))
        }
    }

    @Test("session login link: warning without the code, typed code, CSRF-checked approval, read-only by default, binder called once")
    func sessionLink() async throws {
        try await Self.withRig { rig, router in
            let bound = Bound()
            rig.links.setBinder { session, principal in
                bound.calls.withLock { $0.append((session, principal)) }
                return true
            }
            rig.links.setOriginLookup { _ in LoginLinks.LinkOrigin(clientName: "Some <Client>", address: "198.51.100.7") }
            let (url, code) = await rig.links.issue(sessionID: "sess-1")
            let path = try #require(URLComponents(string: url)?.path)
            try await Application(router: router).test(.router) { client in
                @Sendable func load() async throws -> (String, String) {
                    try await client.execute(uri: path, method: .get) { response in
                        let html = AuthorizeRoutesTests.text(response)
                        #expect(!html.contains(code), "the page must not show the code the person has to type")
                        #expect(html.contains("Only continue if you started this from your own app in the last few minutes"))
                        #expect(html.contains("Some &lt;Client&gt;") && html.contains("198.51.100.7"))
                        #expect(html.contains(#"name="code""#))
                        #expect(html.contains(#"name="scope_write" value="on">"#), "write is offered but not ticked")
                        #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                        let start = try #require(html.range(of: "name=\"csrf_token\" value=\"")).upperBound
                        return (
                            String(html[start...].prefix { $0 != "\"" }), String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
                        )
                    }
                }
                var (csrf, cookie) = try await load()
                let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                // Without the page's cookie the approval is refused, and the link survives.
                try await client.execute(
                    uri: path,
                    method: .post,
                    headers: form,
                    body: ByteBuffer(string: "csrf_token=\(csrf)&decision=approve&code=\(code)")
                ) { response in
                    #expect(response.status == .forbidden)
                }
                var headers = form
                headers[.cookie] = cookie
                // A wrong (or missing) code is refused; the link survives for another try.
                try await client.execute(
                    uri: path,
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(string: "csrf_token=\(csrf)&decision=approve&code=AAAA-AAAA")
                ) { response in
                    #expect(response.status == .forbidden)
                    #expect(AuthorizeRoutesTests.text(response).contains("does not match"))
                }
                (csrf, cookie) = try await load()
                headers[.cookie] = cookie
                let typed = code.lowercased().replacingOccurrences(of: "-", with: "")
                let discogsURL = try await client.execute(
                    uri: path,
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(string: "csrf_token=\(csrf)&decision=approve&code=\(typed)")
                ) { response in
                    #expect(response.status == .found)
                    return (try #require(response.headers[.location]), String(try #require(response.headers[.setCookie]).split(separator: ";")[0]))
                }
                #expect(discogsURL.1.hasPrefix(LoginLinks.cookieName + "="))
                let callback = try Self.callbackPath(try await Self.sandboxLocation(discogsURL.0))
                try await client.execute(uri: callback, method: .get, headers: [.cookie: discogsURL.1]) { response in
                    #expect(response.status == .ok)
                }
                // Spent: the page and a second approval are gone.
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound)
                }
            }
            let calls = bound.calls.withLock { $0 }
            #expect(calls.count == 1)
            #expect(calls.first?.0 == "sess-1")
            #expect(calls.first?.1.id.hasPrefix("discogs:") == true && calls.first?.1.scopes == [.read])
        }
    }
}
