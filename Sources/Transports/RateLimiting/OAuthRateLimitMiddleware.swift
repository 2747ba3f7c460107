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

    static func isLimited(_ path: String) -> Bool {
        exactPaths.contains(path) || prefixes.contains { path.hasPrefix($0) }
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isLimited(request.uri.path) else { return try await next(request, context) }
        if let retryAfter = await limiter.check(.ip(context.remoteIP ?? "unknown")) {
            return HTTPReplies.rateLimitedPlain(retryAfter: retryAfter)
        }
        return try await next(request, context)
    }
}
