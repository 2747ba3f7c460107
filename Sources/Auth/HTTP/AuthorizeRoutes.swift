import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// What happens once the user approved the consent page: the Discogs login leg.
///
/// A protocol because that leg (request token, redirect to Discogs, callback, code) comes in a
/// later step; until then `LoginLegUnavailable` answers with an explanatory page.
public protocol ConsentApprovalHandler: Sendable {
    func approved(_ request: AuthorizationRequest) async throws -> Response
}

/// Placeholder approval handler: explains that the Discogs login is not wired yet.
public struct LoginLegUnavailable: ConsentApprovalHandler {
    public init() {}

    public func approved(_ request: AuthorizationRequest) async throws -> Response {
        AuthorizeRoutes.html(ConsentPage.error("Signing in with Discogs is not available on this server yet."), status: .notImplemented)
    }
}

/// `GET /authorize` (validate, then the consent page) and `POST /authorize` (the consent decision).
public struct AuthorizeRoutes: Sendable {
    public let validator: AuthorizeValidator
    public let csrf: ConsentCSRF
    public let approval: any ConsentApprovalHandler
    public var maximumFormBytes = 16 * 1024
    public var observer: (any OAuthObserver)?
    /// Caps the Discogs logins one address may start (each costs the shared upstream budget).
    public var loginStarts: LoginStartLimiter?

    public init(validator: AuthorizeValidator, csrf: ConsentCSRF, approval: any ConsentApprovalHandler = LoginLegUnavailable()) {
        self.validator = validator
        self.csrf = csrf
        self.approval = approval
    }

    var action: String { validator.indicator.base + "/authorize" }

    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("/authorize") { request, _ in await self.show(request) }
        router.post("/authorize") { request, context in
            await self.decide(request, address: (context as? any ClientAddressProviding)?.remoteIP)
        }
    }

    func show(_ request: Request) async -> Response {
        // Form semantics for the query, as clients build it (Python's urlencode writes a space as `+`).
        let parameters: [String: String]
        do {
            parameters = try FormBody.parse(request.uri.query ?? "")
        } catch let error as OAuthError {
            return Self.html(ConsentPage.error("The request is malformed: \(error.detail)."), status: .badRequest)
        } catch {
            return Self.html(ConsentPage.error("The request is malformed."), status: .badRequest)
        }
        do {
            switch try await validator.validate(parameters) {
            case .errorPage(let status, let message):
                observer?.oauthFailure(OAuthFailure.invalidAuthorizationRequest)
                return Self.html(ConsentPage.error(message), status: HTTPResponse.Status(code: status))
            case .consent(let authorization):
                observer?.oauthEvent(.authorizationStarted)
                let nonce = csrf.newNonce()
                let token = csrf.token(nonce: nonce, for: authorization)
                var response = Self.html(ConsentPage.consent(authorization, csrfToken: token, action: action), status: .ok)
                response.headers[.setCookie] = csrf.setCookie(nonce: nonce)
                return response
            }
        } catch {
            return Self.html(ConsentPage.error("The server could not check this request. Try again in a moment."), status: .internalServerError)
        }
    }

    func decide(_ request: Request, address: String? = nil) async -> Response {
        var request = request
        let form: [String: String]
        do {
            let body = try await request.collectBody(upTo: maximumFormBytes)
            form = try FormBody.parse(String(decoding: body.readableBytesView, as: UTF8.self))
        } catch {
            return Self.html(ConsentPage.error("The consent form could not be read."), status: .badRequest)
        }
        do {
            switch try await validator.validate(form) {
            case .errorPage(let status, let message):
                observer?.oauthFailure(OAuthFailure.invalidAuthorizationRequest)
                return Self.html(ConsentPage.error(message), status: HTTPResponse.Status(code: status))
            case .consent(let authorization):
                let nonce = ConsentCSRF.nonce(fromCookieHeader: request.headers[.cookie])
                switch csrf.check(token: form["csrf_token"], nonce: nonce, for: authorization) {
                case .valid:
                    break
                case .reused:
                    observer?.oauthFailure(OAuthFailure.csrf)
                    return Self.html(
                        ConsentPage.error("This consent form was already submitted. Start the connection again from your MCP client."),
                        status: .forbidden
                    )
                case .expired, .invalid:
                    observer?.oauthFailure(OAuthFailure.csrf)
                    return Self.html(
                        ConsentPage.error(
                            "The consent form expired or did not come from this browser. Start the connection again from your MCP client."
                        ),
                        status: .forbidden
                    )
                }
                switch form["decision"] {
                case "approve":
                    if let refusal = await Self.admitLoginStart(loginStarts, address: address, observer: observer) { return refusal }
                    var granted = authorization
                    granted.scopes = ConsentPage.grantedScopes(authorization.scopes, form: form)
                    return try await approval.approved(granted)
                case "deny":
                    observer?.oauthEvent(.authorizationDenied)
                    return Self.redirect(
                        AuthorizeValidator.redirectURL(
                            authorization.redirectURI,
                            [
                                "error": "access_denied", "error_description": "the user denied the request", "state": authorization.state,
                                "iss": validator.indicator.base,
                            ]
                        )
                    )
                default:
                    return Self.html(ConsentPage.error("Choose Approve or Deny."), status: .badRequest)
                }
            }
        } catch {
            return Self.html(ConsentPage.error("The server could not complete this request. Try again in a moment."), status: .internalServerError)
        }
    }

    /// The 429 page when `address` has started too many Discogs logins this hour; nil when it may start one.
    static func admitLoginStart(_ limiter: LoginStartLimiter?, address: String?, observer: (any OAuthObserver)?) async -> Response? {
        guard let limiter, let wait = await limiter.admit(address) else { return nil }
        observer?.oauthFailure(OAuthFailure.loginStartLimited)
        let minutes = max(1, Int((wait / 60).rounded(.up)))
        var response = html(
            ConsentPage.error(
                "Too many Discogs sign-ins were started from your network in the last hour. Try again in about \(minutes) minute\(minutes == 1 ? "" : "s")."
            ),
            status: .tooManyRequests
        )
        response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
        return response
    }

    /// HTML that may not be framed (clickjacking on the consent buttons) and is never cached.
    public static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ]
        for (name, value) in [("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")] {
            if let name = HTTPField.Name(name) { headers[name] = value }
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    public static func redirect(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}
