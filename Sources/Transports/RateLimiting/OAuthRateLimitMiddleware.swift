import Hummingbird

/// Applies the per-IP bucket to the unauthenticated OAuth surface: `/register`, `/authorize`,
/// `/token`, `/revoke`, the Discogs callback and the session login pages (429 + `Retry-After`).
///
/// Discovery documents stay unlimited: clients fetch them often and they cost nothing.
public struct OAuthRateLimitMiddleware: RouterMiddleware {
    public typealias Context = ServerRequestContext
    let limiter: RateLimiter<ContinuousClock>
    static let exactPaths: Set<String> = ["/register", "/authorize", "/token", "/revoke", "/discogs/callback"]
    static let prefixes = ["/login/"]

    public init(limiter: RateLimiter<ContinuousClock>) {
        self.limiter = limiter
    }

    /// Whether the route is limited; `path` is the matched route (or a request path), normalised as the router matches it.
    static func isLimited(_ path: String) -> Bool {
        let route = normalized(path)
        return exactPaths.contains(route) || prefixes.contains { route.hasPrefix($0) }
    }

    /// The path as the router sees it: empty segments (`//token`, `/register/`) do not count.
    static func normalized(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// Keys on the route the router matched, not the raw path: the router ignores empty segments,
    /// so comparing raw paths let `/register/` or `//token` through unlimited.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isLimited(context.endpointPath ?? request.uri.path) else { return try await next(request, context) }
        if let retryAfter = await limiter.check(.ip(context.remoteIP ?? "unknown")) {
            return HTTPReplies.rateLimitedPlain(retryAfter: retryAfter)
        }
        return try await next(request, context)
    }
}
