import Discogs
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Storage

/// The Discogs OAuth 1.0a leg of an approved authorization (MCP specification 2025-11-25, "Security Best Practices", confused deputy: per-client consent; Discogs API documentation, "Authentication", OAuth flow).
///
/// After consent: a request token with our callback, a pending record bound to it and to a
/// `__Host-` cookie (single use, expiring with the request token's 15 minutes), then the
/// browser goes to Discogs. The callback needs the same browser (cookie), the matching
/// `oauth_token` and an unspent record; it trades the verifier for an access token, asks
/// `/oauth/identity` who that is, stores the sealed credentials under `discogs:<id>` and mints
/// the code. A denied or failed Discogs step sends `error=access_denied` to the client.
public struct DiscogsLogin: ConsentApprovalHandler {
    public static let cookieName = "__Host-dmcp-login"
    public static let callbackPath = "/discogs/callback"

    public let vault: TokenVault
    public let discogs: any DiscogsAPI
    /// Completes logins started from a session login link (anonymous SSE sessions).
    public let links: LoginLinks?
    public let observer: (any OAuthObserver)?
    /// Lowercased Discogs usernames that may sign in (`DISCOGS_MCP_ALLOWED_USERS`); empty lets anyone in.
    public var allowedUsers: Set<String> = []
    let logger: Logger

    public init(vault: TokenVault, discogs: any DiscogsAPI, links: LoginLinks? = nil, observer: (any OAuthObserver)? = nil, logger: Logger) {
        self.vault = vault
        self.discogs = discogs
        self.links = links
        self.observer = observer
        self.logger = logger
    }

    var callbackURL: URL? { URL(string: vault.indicator.base + Self.callbackPath) }

    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get(RouterPath(Self.callbackPath)) { request, _ in await self.callback(request) }
    }

    // MARK: Start

    public func approved(_ request: AuthorizationRequest) async throws -> Response {
        let pair: OAuthTokenPair
        do {
            pair = try await discogs.requestToken(callback: callbackURL)
        } catch {
            logger.warning("Discogs refused a request token", metadata: ["error": "\(error)"])
            observer?.oauthFailure(OAuthFailure.discogsRequestToken)
            return denied(request.redirectURI, state: request.state, detail: "Discogs could not start the sign-in; try again later")
        }
        let id = try await vault.beginPending(
            PendingBinding(
                clientID: request.client.clientID,
                redirectURI: request.redirectURI,
                codeChallenge: request.codeChallenge,
                state: request.state,
                resource: request.resource,
                scope: request.scope,
                upstreamRequestToken: pair.token,
                upstreamRequestSecret: pair.secret
            )
        )
        return Self.toDiscogs(
            discogs.authorizeURL(requestToken: pair.token),
            cookie: Self.cookieName,
            value: id,
            maxAge: Int(vault.lifetimes.pendingAuthorization)
        )
    }

    /// The 302 to Discogs' authorize page, setting the cookie the callback requires.
    static func toDiscogs(_ url: URL, cookie: String, value: String, maxAge: Int) -> Response {
        Response(
            status: .found,
            headers: [
                .location: url.absoluteString, .cacheControl: "no-store",
                .setCookie: "\(cookie)=\(value); Path=/; Max-Age=\(maxAge); Secure; HttpOnly; SameSite=Lax",
            ]
        )
    }

    // MARK: Callback

    func callback(_ request: Request) async -> Response {
        let query = request.uri.queryParameters
        let verifier = query["oauth_verifier"].map(String.init)
        let deniedToken = query["denied"].map(String.init)
        guard let token = query["oauth_token"].map(String.init) ?? deniedToken, !token.isEmpty else {
            observer?.oauthFailure(OAuthFailure.loginStateUnknown)
            return Self.page("Discogs did not say which sign-in this is (no oauth_token). Start again from your MCP client.", status: .badRequest)
        }
        let cookies = request.headers[.cookie]
        if let links, let nonce = ConsentCSRF.cookie(LoginLinks.cookieName, in: cookies), !nonce.isEmpty {
            return await completeLink(links, nonce: nonce, token: token, verifier: deniedToken == nil ? verifier : nil)
        }
        guard let id = ConsentCSRF.cookie(Self.cookieName, in: cookies), !id.isEmpty else {
            observer?.oauthFailure(OAuthFailure.loginStateUnknown)
            return Self.page(
                "This sign-in was started in another browser or its cookie expired. Start again from your MCP client.",
                status: .badRequest
            )
        }
        let pending: (PendingAuthorizationRecord, String?)
        do {
            guard let found = try await vault.completePending(id: id, upstreamRequestToken: token) else {
                observer?.oauthFailure(OAuthFailure.loginStateUnknown)
                return Self.page("This sign-in has expired or was already completed. Start again from your MCP client.", status: .badRequest)
            }
            pending = (found.0, found.requestSecret)
        } catch {
            observer?.oauthFailure(OAuthFailure.storage)
            return Self.page("The server could not read this sign-in. Try again in a moment.", status: .internalServerError)
        }
        let (record, requestSecret) = pending
        var response = await finishAuthorization(record, token: token, secret: requestSecret, verifier: deniedToken == nil ? verifier : nil)
        response.headers.append(HTTPField(name: .setCookie, value: "\(Self.cookieName)=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax"))
        return response
    }

    private func finishAuthorization(_ record: PendingAuthorizationRecord, token: String, secret: String?, verifier: String?) async -> Response {
        guard let verifier, !verifier.isEmpty, let secret else {
            observer?.oauthFailure(OAuthFailure.discogsDenied)
            observer?.oauthEvent(.authorizationDenied)
            return denied(record.redirectURI, state: record.state, detail: "the Discogs sign-in was declined")
        }
        let account: UpstreamCredential
        switch await signIn(token: token, secret: secret, verifier: verifier) {
        case .success(let value): account = value
        case .failure(let failure):
            return denied(record.redirectURI, state: record.state, detail: failure.detail)
        }
        guard isAllowed(account) else {
            // Nothing is stored and no code minted; the person reads why, the client learns access_denied.
            let back = AuthorizeValidator.redirectURL(
                record.redirectURI,
                [
                    "error": "access_denied", "error_description": "this server is private and the Discogs account is not allowed",
                    "state": record.state, "iss": vault.indicator.base,
                ]
            )
            let name = try? await vault.resolveClient(id: record.clientID).map { vault.metadataName(of: $0) }
            return refuse(account, returnURL: back, clientName: name ?? nil)
        }
        do {
            let subject = Self.subject(account)
            try await vault.storeUpstream(account, subject: subject)
            let code = try await vault.issueCode(
                CodeBinding(
                    clientID: record.clientID,
                    subject: subject,
                    redirectURI: record.redirectURI,
                    codeChallenge: record.codeChallenge,
                    resource: record.resource,
                    scope: record.scope
                )
            )
            observer?.oauthEvent(.authorizationApproved)
            return AuthorizeRoutes.redirect(
                AuthorizeValidator.redirectURL(record.redirectURI, ["code": code, "state": record.state, "iss": vault.indicator.base])
            )
        } catch {
            observer?.oauthFailure(OAuthFailure.storage)
            return AuthorizeRoutes.redirect(
                AuthorizeValidator.redirectURL(
                    record.redirectURI,
                    [
                        "error": "server_error", "error_description": "the sign-in could not be stored", "state": record.state,
                        "iss": vault.indicator.base,
                    ]
                )
            )
        }
    }

    /// Why the Discogs leg failed, in words for the client's `error_description`.
    struct Failure: Error {
        var detail: String
    }

    /// Verifier → access token → identity.
    func signIn(token: String, secret: String, verifier: String) async -> Result<UpstreamCredential, Failure> {
        let access: OAuthTokenPair
        do {
            access = try await discogs.accessToken(requestToken: token, secret: secret, verifier: verifier)
        } catch {
            logger.warning("Discogs refused the access-token exchange", metadata: ["error": "\(error)"])
            observer?.oauthFailure(OAuthFailure.discogsAccessToken)
            return .failure(Failure(detail: "Discogs did not confirm the sign-in"))
        }
        do {
            let identity = try await discogs.identity(as: .oauth(token: access.token, secret: access.secret))
            return .success(UpstreamCredential(discogsUserID: identity.id, username: identity.username, token: access.token, secret: access.secret))
        } catch {
            logger.warning("Discogs identity lookup failed after sign-in", metadata: ["error": "\(error)"])
            observer?.oauthFailure(OAuthFailure.discogsIdentity)
            return .failure(Failure(detail: "Discogs did not say which account signed in"))
        }
    }

    /// Whether the allow-list lets this Discogs account sign in.
    func isAllowed(_ account: UpstreamCredential) -> Bool {
        guard !allowedUsers.isEmpty else { return true }
        guard let username = account.username?.lowercased() else { return false }
        return allowedUsers.contains(username)
    }

    /// The "this server is private" page for an account not on the allow-list, logged and counted.
    func refuse(_ account: UpstreamCredential, returnURL: String?, clientName: String?) -> Response {
        logger.notice(
            "Discogs sign-in refused: the account is not on DISCOGS_MCP_ALLOWED_USERS",
            metadata: ["discogs_username": "\(account.username ?? "?")", "discogs_user_id": "\(account.discogsUserID.map(String.init) ?? "?")"]
        )
        observer?.oauthFailure(OAuthFailure.userNotAllowed)
        return AuthorizeRoutes.html(
            ConsentPage.privateServer(username: account.username, returnURL: returnURL, clientName: clientName),
            status: .forbidden
        )
    }

    /// The stable MCP principal id of a Discogs account.
    public static func subject(_ account: UpstreamCredential) -> String {
        account.discogsUserID.map { "discogs:\($0)" } ?? "discogs-user:\(account.username ?? "unknown")"
    }

    func denied(_ redirectURI: String, state: String?, detail: String) -> Response {
        AuthorizeRoutes.redirect(
            AuthorizeValidator.redirectURL(
                redirectURI,
                ["error": "access_denied", "error_description": detail, "state": state, "iss": vault.indicator.base]
            )
        )
    }

    static func page(_ message: String, status: HTTPResponse.Status) -> Response {
        AuthorizeRoutes.html(ConsentPage.error(message), status: status)
    }

    // MARK: Session login links

    private func completeLink(_ links: LoginLinks, nonce: String, token: String, verifier: String?) async -> Response {
        var response: Response
        switch await links.completePending(nonce: nonce, requestToken: token) {
        case nil:
            observer?.oauthFailure(OAuthFailure.loginStateUnknown)
            response = Self.page("This sign-in link has expired or was already used. Call auth_status again for a new one.", status: .badRequest)
        case .some(let pending):
            if let verifier, !verifier.isEmpty {
                switch await signIn(token: token, secret: pending.requestSecret, verifier: verifier) {
                case .failure(let failure):
                    response = Self.page("Sign-in failed: \(failure.detail). Call auth_status again for a new link.", status: .badGateway)
                case .success(let account) where !isAllowed(account):
                    response = refuse(account, returnURL: nil, clientName: nil)
                case .success(let account):
                    response = await links.finish(pending, account: account, vault: vault, observer: observer)
                }
            } else {
                observer?.oauthFailure(OAuthFailure.discogsDenied)
                response = Self.page("The Discogs sign-in was declined; the session stays signed out.", status: .forbidden)
            }
        }
        response.headers.append(HTTPField(name: .setCookie, value: "\(LoginLinks.cookieName)=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax"))
        return response
    }
}
