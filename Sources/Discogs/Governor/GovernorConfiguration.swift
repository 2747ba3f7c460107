/// The outbound budget and the reactions to Discogs pushing back.
///
/// Discogs counts requests per source IP over a moving minute, so every user of this process
/// shares one budget; these numbers describe that one budget, not a per-user one.
public struct GovernorConfiguration: Sendable, Hashable {
    /// Requests per window when authenticated (Discogs: 60).
    public var authenticatedLimit: Int
    /// Anonymous requests per window (Discogs: 25).
    public var anonymousLimit: Int
    /// The moving window (Discogs: 60 s).
    public var window: Duration
    /// Slots in every window that background work may not take, so a person never waits behind a sync.
    public var backgroundReserve: Int
    /// The first pause after a 429 when Discogs sends no `Retry-After` (it rarely does).
    public var backoffBase: Duration
    /// The longest pause consecutive 429s grow to (60 → 120 → 240 s).
    public var backoffMax: Duration
    /// Consecutive 429s that open the circuit breaker: Discogs is tarpitting this IP.
    public var breakerThreshold: Int
    /// How long the breaker stays open before one probe request may test the water.
    public var breakerCooldown: Duration
    /// Extra time a request keeps its slot beyond the window. Our clock starts when the request is
    /// permitted, Discogs' when it arrives (after connecting, after a retry's reconnect), so a slot
    /// freed exactly a window later can reach Discogs while it still counts the old request: a
    /// fault run saw the 61st request refused that way. Zero keeps the exact window (unit tests).
    public var windowSlack: Duration

    public init(
        authenticatedLimit: Int = 60,
        anonymousLimit: Int = 25,
        window: Duration = .seconds(60),
        backgroundReserve: Int = 10,
        backoffBase: Duration = .seconds(60),
        backoffMax: Duration = .seconds(240),
        breakerThreshold: Int = 3,
        breakerCooldown: Duration = .seconds(15 * 60),
        windowSlack: Duration = .zero
    ) {
        self.authenticatedLimit = max(1, authenticatedLimit)
        self.anonymousLimit = max(1, anonymousLimit)
        self.window = window
        self.backgroundReserve = max(0, backgroundReserve)
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
        self.breakerThreshold = max(1, breakerThreshold)
        self.breakerCooldown = breakerCooldown
        self.windowSlack = max(.zero, windowSlack)
    }

    /// How long one request counts against the budget: the window plus the slack.
    var slotLifetime: Duration { window + windowSlack }
}

/// What happened to a permitted request, as far as the budget is concerned.
public enum GovernorOutcome: Sendable, Hashable {
    /// Discogs answered with anything but 429 (errors included: they were counted too).
    case answered(RateLimitSnapshot?)
    /// Discogs answered 429.
    case rateLimited(retryAfter: Duration?, RateLimitSnapshot?)
    /// No answer (connection refused or reset, timeout): says nothing about the budget.
    case noAnswer
}

/// The right to send one request now; hand it back through `complete` whatever happens.
public struct GovernorPermit: Sendable, Hashable {
    public let id: UInt64
    public let authenticated: Bool
    /// The single request allowed through a half-open breaker.
    public let isProbe: Bool
}
