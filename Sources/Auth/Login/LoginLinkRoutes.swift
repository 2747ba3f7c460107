import Discogs
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `GET /login/{token}` (the warning, a code field and a consent form) and `POST /login/{token}`.
///
/// The page carries the same CSRF scheme as the OAuth consent page (nonce cookie + timed,
/// single-use HMAC over the link), so a third party cannot approve someone else's link by
/// posting to it blind; and it does not show the code, so a person who was sent someone else's
/// link cannot complete it without the code that only the other person's app shows.
public struct LoginLinkRoutes: Sendable {
    public let links: LoginLinks
    public let login: DiscogsLogin
    public let csrf: ConsentCSRF
    public var maximumFormBytes = 4 * 1024
    /// Caps the Discogs logins one address may start (shared with the consent page).
    public var loginStarts: LoginStartLimiter?

    public init(links: LoginLinks, login: DiscogsLogin, csrf: ConsentCSRF) {
        self.links = links
        self.login = login
        self.csrf = csrf
    }

    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("/login/:token") { request, context in await self.show(context.parameters.get("token") ?? "") }
        router.post("/login/:token") { request, context in
            await self.decide(request, token: context.parameters.get("token") ?? "", address: (context as? any ClientAddressProviding)?.remoteIP)
        }
    }

    func show(_ token: String) async -> Response {
        guard let link = await links.peek(token) else {
            login.observer?.oauthFailure(OAuthFailure.loginLink)
            return DiscogsLogin.page(
                "This sign-in link has expired or was already used. Ask your assistant to call auth_status again for a new one.",
                status: .notFound
            )
        }
        login.observer?.oauthEvent(.authorizationStarted)
        let nonce = csrf.newNonce()
        let csrfToken = csrf.token(nonce: nonce, fields: ["login-link", token])
        let requested = links.scopes.map(\.rawValue)
        let client = link.origin.clientName.map { "<strong>\(ConsentPage.escape($0))</strong>" } ?? "an MCP client that did not give its name"
        let address = link.origin.address.map { "<code>\(ConsentPage.escape($0))</code>" } ?? "an unknown address"
        let minutesLeft = max(1, Int((link.expiresAt.timeIntervalSinceNow / 60).rounded(.up)))
        let body = """
            <h1>Sign in an MCP session with Discogs?</h1>
            <p class="warn"><strong>Only continue if you started this from your own app in the last few minutes.</strong> If someone sent you this link, stop here: whoever made it would act as you on Discogs.</p>
            <p>This link was made by \(client) from \(address) at \(Self.timestamp(link.createdAt)) (UTC). It stops working in \(minutesLeft) minute\(minutesLeft == 1 ? "" : "s").</p>
            <form method="post" action="\(ConsentPage.escape(links.base + LoginLinks.pathPrefix + token))">
              <input type="hidden" name="csrf_token" value="\(ConsentPage.escape(csrfToken))">
              <p><label for="code">Type the code your app shows next to this link:</label><br>
              <input class="code" type="text" id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="16" placeholder="XXXX-XXXX"></p>
              \(ConsentPage.scopeChoices(requested, ticked: ["read"]))
              <button type="submit" name="decision" value="approve">Continue to Discogs</button>
              <button type="submit" name="decision" value="deny">Deny</button>
            </form>
            """
        var response = AuthorizeRoutes.html(ConsentPage.page(title: "Sign in with Discogs", body: body), status: .ok)
        response.headers[.setCookie] = csrf.setCookie(nonce: nonce)
        return response
    }

    func decide(_ request: Request, token: String, address: String? = nil) async -> Response {
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
            return DiscogsLogin.page(
                "The form expired, was already sent, or did not come from this browser. Open the link again.",
                status: .forbidden
            )
        }
        guard form["decision"] == "approve" else {
            await links.discard(token)
            login.observer?.oauthEvent(.authorizationDenied)
            return DiscogsLogin.page("Denied: the session stays signed out, and this link no longer works.", status: .ok)
        }
        let link: LoginLinks.Link
        switch await links.claim(token, typedCode: form["code"]) {
        case .gone:
            login.observer?.oauthFailure(OAuthFailure.loginLink)
            return DiscogsLogin.page(
                "This sign-in link has expired or was already used. Ask your assistant to call auth_status again.",
                status: .notFound
            )
        case .wrongCode(let remaining):
            login.observer?.oauthFailure(OAuthFailure.loginLink)
            return wrongCodePage(token: token, remaining: remaining)
        case .claimed(let value):
            link = value
        }
        return await startDiscogsLogin(link, form: form, address: address)
    }

    /// The claimed link's next step: a request token from Discogs and the redirect to its
    /// authorize page, the ticked scopes kept with the pending login.
    func startDiscogsLogin(_ link: LoginLinks.Link, form: [String: String], address: String?) async -> Response {
        if let refusal = await AuthorizeRoutes.admitLoginStart(loginStarts, address: address, observer: login.observer) { return refusal }
        let granted = Set(ConsentPage.grantedScopes(links.scopes.map(\.rawValue), form: form).compactMap(Scope.init(rawValue:)))
        let pair: OAuthTokenPair
        do {
            pair = try await login.discogs.requestToken(callback: login.callbackURL)
        } catch {
            login.observer?.oauthFailure(OAuthFailure.discogsRequestToken)
            return DiscogsLogin.page(
                "Discogs could not start the sign-in. Ask your assistant to call auth_status again in a moment.",
                status: .badGateway
            )
        }
        let cookie = await links.beginPending(sessionID: link.sessionID, requestToken: pair.token, requestSecret: pair.secret, scopes: granted)
        return DiscogsLogin.toDiscogs(
            login.discogs.authorizeURL(requestToken: pair.token),
            cookie: LoginLinks.cookieName,
            value: cookie,
            maxAge: Int(links.pendingLifetime)
        )
    }

    /// The page for a code that does not match, with a link to try again.
    func wrongCodePage(token: String, remaining: Int) -> Response {
        let again = ConsentPage.escape(links.base + LoginLinks.pathPrefix + token)
        return AuthorizeRoutes.html(
            ConsentPage.page(
                title: "Wrong code",
                body:
                    "<h1>That code does not match</h1>\n<p>Type exactly the code your own app shows next to the link. If your app shows no code, you did not start this sign-in: close this page.</p>\n<p><a href=\"\(again)\">Try again</a> (\(remaining) tr\(remaining == 1 ? "y" : "ies") left).</p>"
            ),
            status: .forbidden
        )
    }

    /// `2026-01-31 14:05` in UTC: the page says when the link was made.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
