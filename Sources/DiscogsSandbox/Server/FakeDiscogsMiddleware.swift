import Foundation
import HTTPTypes
import Hummingbird

/// Everything Discogs does around a handler: User-Agent check, credentials, the rate window,
/// injected faults and latency, Discogs-shaped errors, rate headers, and the request log.
struct FakeDiscogsMiddleware: RouterMiddleware {
    typealias Context = FakeDiscogsContext
    let state: FakeDiscogsState
    let configuration: FakeDiscogsConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        let path = request.uri.path
        let host = request.head.authority ?? "localhost"
        let hostBase = "\(configuration.scheme)://\(host)"
        context.baseURL = configuration.publicBaseURL ?? hostBase
        context.imageBaseURL = await state.imageBaseOverride ?? configuration.imageBaseURL ?? context.baseURL
        // The control routes are the test harness's, not Discogs': no credentials, no budget, no log.
        if path.hasPrefix(FakeControlRoutes.prefix) { return try await Self.render { try await next(request, context) } }
        // The image host and the web authorize page are not the API: no rate headers, no credentials.
        if path.hasPrefix("/images/") || path == "/oauth/authorize" {
            return try await handleOutsideAPI(request, context: context, next: next)
        }
        let admission = try await admit(&request, context: &context, host: host)
        if admission.latency > .zero { try await Task.sleep(for: admission.latency) }
        var response = try await respond(request, context: &context, admission: admission, next: next)
        for (name, value) in [
            ("X-Discogs-Ratelimit", String(admission.limit)), ("X-Discogs-Ratelimit-Used", String(admission.used)),
            ("X-Discogs-Ratelimit-Remaining", String(admission.remaining)), ("X-Discogs-Media-Type", "discogs.v2"),
        ] {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        await state.record(
            FakeRequestRecord(
                method: request.method.rawValue,
                path: path,
                query: request.uri.query ?? "",
                route: Self.route(request.method.rawValue, path),
                status: response.status.code,
                callerTier: context.caller.tier,
                sentAuthorization: request.headers[.authorization] != nil,
                sentQueryCredentials: Self.hasQueryCredentials(request.uri.query ?? "")
            )
        )
        return response
    }

    /// The image host and the web authorize page: handled and logged, without credentials or budget.
    private func handleOutsideAPI(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let response = try await Self.render { try await next(request, context) }
        let query = request.uri.query ?? ""
        await state.record(
            FakeRequestRecord(
                method: request.method.rawValue,
                path: path,
                query: query,
                route: Self.route(request.method.rawValue, path),
                status: response.status.code,
                callerTier: .none,
                sentAuthorization: request.headers[.authorization] != nil,
                sentQueryCredentials: Self.hasQueryCredentials(query)
            )
        )
        return response
    }

    /// Reads a form body, gathers what the signature covers and asks the state for admission
    /// (credentials, the rate window, injected faults and latency).
    private func admit(_ request: inout Request, context: inout Context, host: String) async throws -> FakeAdmission {
        let path = request.uri.path
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: 1 << 20)
            context.formItems = OAuthSignature.parseForm(String(buffer: body))
        }
        var baseURIs = [OAuthSignature.baseStringURI(scheme: configuration.scheme, authority: host, path: path)]
        if let publicBase = configuration.publicBaseURL, let split = Self.splitBase(publicBase) {
            baseURIs.insert(OAuthSignature.baseStringURI(scheme: split.0, authority: split.1, path: split.2 + path), at: 0)
        }
        let input = CredentialInput(
            method: request.method.rawValue,
            baseURIs: baseURIs,
            queryItems: request.queryItems,
            authorization: request.headers[.authorization],
            formItems: context.formItems
        )
        context.credentialInput = input
        return await state.admit(input, path: path)
    }

    /// Discogs' answer for an admitted (or refused) request: 403 without a User-Agent, 429 over
    /// the window, the credential error, an injected fault, or the handler's own response.
    private func respond(
        _ request: Request,
        context: inout Context,
        admission: FakeAdmission,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let userAgent = request.headers[.userAgent] ?? ""
        if admission.behaviour.requireUserAgent, userAgent.trimmingCharacters(in: .whitespaces).isEmpty {
            return FakeReply.error(FakeDiscogsError(403, "A User-Agent header identifying your application is required."))
        }
        guard admission.allowed else { return tooManyRequests(admission.behaviour) }
        if case var .reject(error) = admission.outcome {
            // The token endpoints answer in text/plain (Discogs API documentation, "Authentication", OAuth flow).
            error.plainText = request.uri.path == "/oauth/request_token" || request.uri.path == "/oauth/access_token"
            return FakeReply.error(error)
        }
        if case let .caller(caller) = admission.outcome { context.caller = caller }
        let handlerContext = context
        switch admission.fault {
        case let .serverError(status)?:
            return FakeReply.error(FakeDiscogsError(status, "An internal server error occurred. (Injected fault)"))
        case .rateLimited?:
            return tooManyRequests(admission.behaviour)
        case .malformedJSON?:
            _ = try await Self.render { try await next(request, handlerContext) }
            return FakeReply.text("{\"pagination\": {\"page\": 1, \"pages\": ", contentType: "application/json")
        case .emptyBody?:
            _ = try await Self.render { try await next(request, handlerContext) }
            return FakeReply.text("", contentType: "application/json")
        case .connectionReset?:
            return FakeReply.droppedMidBody()
        case nil:
            return try await Self.render { try await next(request, handlerContext) }
        }
    }

    /// A 429 with `Retry-After` when the behaviour sends one.
    private func tooManyRequests(_ behaviour: FakeBehaviour) -> Response {
        var response = FakeReply.error(.tooManyRequests)
        if behaviour.sendRetryAfter { response.headers[.retryAfter] = Self.retryAfter(behaviour) }
        return response
    }

    /// The `Retry-After` a 429 carries: the configured seconds, else the window's length.
    static func retryAfter(_ behaviour: FakeBehaviour) -> String {
        String(behaviour.retryAfterSeconds ?? Int(behaviour.windowSeconds))
    }

    /// Runs a handler, turning thrown errors into Discogs-shaped bodies.
    static func render(_ handler: () async throws -> Response) async throws -> Response {
        do {
            return try await handler()
        } catch let error as FakeDiscogsError {
            return FakeReply.error(error)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound { return FakeReply.error(.resourceNotFound) }
            return FakeReply.error(FakeDiscogsError(error.status.code, error.status.reasonPhrase))
        }
    }

    /// Whether a query string carries Discogs credentials (`token`, `key`/`secret`, or OAuth parameters).
    static func hasQueryCredentials(_ query: String) -> Bool {
        query.split(separator: "&").contains { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return ["token", "key", "secret"].contains(name) || name.hasPrefix("oauth_")
        }
    }

    /// `METHOD /template`: numeric ids become `{id}`, usernames `{username}`.
    static func route(_ method: String, _ path: String) -> String {
        let segments = path.split(separator: "/").map(String.init)
        var result: [String] = []
        for (index, segment) in segments.enumerated() {
            let previous = index > 0 ? segments[index - 1] : ""
            if previous == "users" || (previous == "rating" && index >= 3) {
                result.append("{username}")
            } else if segment.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." }) {
                result.append("{id}")
            } else {
                result.append(segment)
            }
        }
        return "\(method) /\(result.joined(separator: "/"))"
    }

    /// `https://api.example.com/base` → ("https", "api.example.com", "/base").
    static func splitBase(_ url: String) -> (String, String, String)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = String(url[..<schemeEnd.lowerBound])
        let rest = url[schemeEnd.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var path = String(rest[slash...])
        if path.hasSuffix("/") { path.removeLast() }
        return (scheme, String(rest[..<slash]), path)
    }
}
