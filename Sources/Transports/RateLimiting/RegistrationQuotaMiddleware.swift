import Hummingbird
import Storage

/// Caps OAuth client registrations (`POST /register`) per client address per hour.
///
/// Registration is unauthenticated and every registration is a row, so without a cap one
/// address could fill the client table far faster than the purge (unused clients go after
/// 24 h) empties it. Answers 429 `slow_down` with `Retry-After`, like the OAuth limiter.
public struct RegistrationQuotaMiddleware: RouterMiddleware {
    public typealias Context = ServerRequestContext
    let quota: HourlyQuota<ServerClock>

    public init(perHour: Int, clock: ServerClock = .continuous) {
        self.quota = HourlyQuota(perHour: perHour, clock: clock)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, OAuthRateLimitMiddleware.normalized(context.endpointPath ?? request.uri.path) == "/register" else {
            return try await next(request, context)
        }
        if let retryAfter = await quota.take(context.remoteIP ?? "unknown") {
            return HTTPReplies.rateLimitedPlain(retryAfter: retryAfter)
        }
        return try await next(request, context)
    }
}

/// `perHour` uses per key: all at once, then one more every `3600 / perHour` seconds.
public actor HourlyQuota<C: Clock> where C.Duration == Duration {
    private var buckets: [String: TokenBucket<C.Instant>] = [:]
    private let perHour: Int
    private let clock: C

    public init(perHour: Int, clock: C) {
        self.perHour = max(1, perHour)
        self.clock = clock
    }

    /// Takes one use for `key`; nil when allowed, else how long until one is available.
    public func take(_ key: String) -> Duration? {
        let now = clock.now
        var bucket = buckets[key] ?? TokenBucket(capacity: perHour, refillPerSecond: Double(perHour) / 3600, now: now)
        let decision = bucket.take(at: now)
        buckets[key] = bucket
        if buckets.count > 10_000 {
            // Full buckets carry no state worth keeping; memory stays bounded.
            for (other, var candidate) in buckets where candidate.isFull(at: now) { buckets[other] = nil }
        }
        if case .limited(let retryAfter) = decision { return retryAfter }
        return nil
    }
}
