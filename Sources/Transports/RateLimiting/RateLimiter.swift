import MCP

/// Inbound fairness: one token bucket per principal, per OAuth client and per IP.
///
/// Each kind of bucket has its own policy, so a greedy account exhausts only its own budget
/// (and, through the tool-call bucket, cannot burn the shared Discogs budget for everyone).
public actor RateLimiter<C: Clock> where C.Duration == Duration {
    private var buckets: [RateLimitBucket: TokenBucket<C.Instant>] = [:]
    private let clock: C
    private let policies: RateLimitPolicies
    /// Above this many buckets, full (idle) ones are forgotten, so memory stays bounded.
    private let pruneThreshold: Int
    private let onLimited: @Sendable (RateLimitBucket) -> Void

    public init(
        clock: C,
        policies: RateLimitPolicies,
        pruneThreshold: Int = 10_000,
        onLimited: @escaping @Sendable (RateLimitBucket) -> Void = { _ in }
    ) {
        self.clock = clock
        self.policies = policies
        self.pruneThreshold = pruneThreshold
        self.onLimited = onLimited
    }

    /// Takes `cost` tokens from `bucket`; returns nil when allowed, else how long until a retry can succeed.
    ///
    /// A JSON-RPC batch costs one token per message, so a batch cannot multiply a caller's rate.
    public func check(_ bucket: RateLimitBucket, cost: Int = 1) -> Duration? {
        let now = clock.now
        var state =
            buckets[bucket]
            ?? {
                let policy = policies.policy(for: bucket)
                return TokenBucket(capacity: policy.burst, refillPerSecond: Double(policy.perMinute) / 60, now: now)
            }()
        let decision = state.take(at: now, cost: cost)
        buckets[bucket] = state
        if buckets.count > pruneThreshold { prune(at: now) }
        switch decision {
        case .allowed:
            return nil
        case .limited(let retryAfter):
            onLimited(bucket)
            return retryAfter
        }
    }

    public var bucketCount: Int { buckets.count }

    private func prune(at now: C.Instant) {
        for (key, var bucket) in buckets where bucket.isFull(at: now) {
            buckets[key] = nil
        }
    }
}

public enum RateLimitBucket: Sendable, Hashable {
    /// Every MCP request of one authenticated principal.
    case principal(String)
    /// Tool calls of one principal (they reach Discogs).
    case toolCalls(String)
    /// One OAuth client's requests.
    case client(String)
    /// Unauthenticated traffic from one IP (anonymous MCP, the OAuth endpoints).
    case ip(String)

    /// The bounded metric label of this bucket.
    public var kind: String {
        switch self {
        case .principal: return "principal"
        case .toolCalls: return "tool_calls"
        case .client: return "client"
        case .ip: return "ip"
        }
    }
}

public struct RateLimitPolicy: Sendable, Hashable {
    public var perMinute: Int
    public var burst: Int

    public init(perMinute: Int, burst: Int) {
        self.perMinute = perMinute
        self.burst = burst
    }
}

public struct RateLimitPolicies: Sendable, Hashable {
    public var principal: RateLimitPolicy
    public var toolCalls: RateLimitPolicy
    public var client: RateLimitPolicy
    public var ip: RateLimitPolicy

    public init(principal: RateLimitPolicy, toolCalls: RateLimitPolicy, client: RateLimitPolicy, ip: RateLimitPolicy) {
        self.principal = principal
        self.toolCalls = toolCalls
        self.client = client
        self.ip = ip
    }

    public static let standard = RateLimitPolicies(
        principal: RateLimitPolicy(perMinute: 600, burst: 120),
        toolCalls: RateLimitPolicy(perMinute: 120, burst: 30),
        client: RateLimitPolicy(perMinute: 1200, burst: 240),
        ip: RateLimitPolicy(perMinute: 300, burst: 60)
    )

    func policy(for bucket: RateLimitBucket) -> RateLimitPolicy {
        switch bucket {
        case .principal: return principal
        case .toolCalls: return toolCalls
        case .client: return client
        case .ip: return ip
        }
    }
}

/// Lets the dispatcher ask the rate limiter before running a tool.
public struct RateLimitedToolCalls<C: Clock>: ToolCallGate where C.Duration == Duration {
    let limiter: RateLimiter<C>

    public init(limiter: RateLimiter<C>) {
        self.limiter = limiter
    }

    public func admit(_ caller: Caller, tool: String) async -> Duration? {
        await limiter.check(.toolCalls(caller.principalID))
    }
}
