import Discogs
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `GET /login/{token}` (the code and a consent form) and `POST /login/{token}` (the decision).
///
/// The page carries the same CSRF scheme as the OAuth consent page (nonce cookie + HMAC over
/// the link), so a third party cannot approve someone else's link by posting to it blind.
public struct LoginLinkRoutes: Sendable {
    public let links: LoginLinks
    public let login: DiscogsLogin
    public let csrf: ConsentCSRF
    public var maximumFormBytes = 4 * 1024

    public init(links: LoginLinks, login: DiscogsLogin, csrf: ConsentCSRF) {
        self.links = links
        self.login = login
        self.csrf = csrf
    }

    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("/login/:token") { request, context in await self.show(context.parameters.get("token") ?? "") }
        router.post("/login/:token") { request, context in await self.decide(request, token: context.parameters.get("token") ?? "") }
    }

    func show(_ token: String) async -> Response {
        guard let link = await links.peek(token) else {
            login.observer?.oauthFailure(OAuthFailure.loginLink)
            return DiscogsLogin.page("This sign-in link has expired or was already used. Ask your assistant to call auth_status again for a new one.", status: .notFound)
        }
        login.observer?.oauthEvent(.authorizationStarted)
        let nonce = csrf.newNonce()
        let csrfToken = csrf.token(nonce: nonce, fields: ["login-link", token])
        let scopes = links.scopes.map { "<li><code>\($0.rawValue)</code> — \(ConsentPage.escape(ConsentPage.scopeDescriptions[$0.rawValue] ?? $0.rawValue))</li>" }
            .joined()
        let body = """
            <h1>Sign in an MCP session with Discogs?</h1>
            <p>Your assistant showed you a code with this link. Continue only if it is exactly:</p>
            <p style="font-size:2rem;font-family:monospace;letter-spacing:.2rem"><strong>\(ConsentPage.escape(link.code))</strong></p>
            <p>If you did not just ask for this, or the code differs, choose Deny: someone may be trying to attach your Discogs account to their session.</p>
            <h2>The session will be able to</h2>
            <ul>\(scopes)</ul>
            <form method="post" action="\(ConsentPage.escape(links.base + LoginLinks.pathPrefix + token))">
              <input type="hidden" name="csrf_token" value="\(ConsentPage.escape(csrfToken))">
              <button type="submit" name="decision" value="approve">Approve</button>
              <button type="submit" name="decision" value="deny">Deny</button>
            </form>
            """
        var response = AuthorizeRoutes.html(ConsentPage.page(title: "Sign in with Discogs", body: body), status: .ok)
        response.headers[.setCookie] = csrf.setCookie(nonce: nonce)
        return response
    }

    func decide(_ request: Request, token: String) async -> Response {
        var request = request
        let form: [String: String]
        do {
            let body = try await request.collectBody(upTo: maximumFormBytes)
            form = try FormBody.parse(String(decoding: body.readableBytesView, as: UTF8.self))
        } catch {
            return DiscogsLogin.page("The form could not be read.", status: .badRequest)
        }
        let nonce = ConsentCSRF.nonce(fromCookieHeader: request.headers[.cookie])
        guard csrf.verify(token: form["csrf_token"], nonce: nonce, fields: ["login-link", token]) else {
            login.observer?.oauthFailure(OAuthFailure.csrf)
            return DiscogsLogin.page("The form expired or did not come from this browser. Open the link again.", status: .forbidden)
        }
        guard let link = await links.claim(token) else {
            login.observer?.oauthFailure(OAuthFailure.loginLink)
            return DiscogsLogin.page("This sign-in link has expired or was already used. Ask your assistant to call auth_status again.", status: .notFound)
        }
        guard form["decision"] == "approve" else {
            login.observer?.oauthEvent(.authorizationDenied)
            return DiscogsLogin.page("Denied: the session stays signed out, and this link no longer works.", status: .ok)
        }
        let pair: OAuthTokenPair
        do {
            pair = try await login.discogs.requestToken(callback: login.callbackURL)
        } catch {
            login.observer?.oauthFailure(OAuthFailure.discogsRequestToken)
            return DiscogsLogin.page("Discogs could not start the sign-in. Ask your assistant to call auth_status again in a moment.", status: .badGateway)
        }
        let cookie = await links.beginPending(sessionID: link.sessionID, requestToken: pair.token, requestSecret: pair.secret)
        return DiscogsLogin.toDiscogs(
            login.discogs.authorizeURL(requestToken: pair.token), cookie: LoginLinks.cookieName, value: cookie, maxAge: Int(links.pendingLifetime)
        )
    }
}
