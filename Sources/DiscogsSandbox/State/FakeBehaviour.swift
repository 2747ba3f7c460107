/// Switches that change how the fake behaves, adjustable while it runs.
public struct FakeBehaviour: Sendable, Equatable {
    /// Requests allowed per window for authenticated callers (Discogs: 60).
    public var authenticatedLimit = 60
    /// Requests allowed per window for anonymous callers (Discogs: 25).
    public var anonymousLimit = 25
    /// The moving window, in seconds.
    public var windowSeconds: Double = 60
    /// Whether exceeding the budget answers 429 (headers are sent either way).
    public var enforceRateLimit = true
    /// Whether a 429 carries `Retry-After` (Discogs almost never sends it).
    public var sendRetryAfter = false
    /// The `Retry-After` value sent, in seconds; nil sends the window's length.
    public var retryAfterSeconds: Int?
    /// Whether a missing `User-Agent` is refused.
    public var requireUserAgent = true
    /// How long request tokens and verifiers stay valid (Discogs: 15 minutes).
    public var requestTokenLifetime: Double = 15 * 60
    /// What the authorize page does: grant (redirect with a verifier) or deny.
    public var authorizeGrants = true
    /// The account that "logs in" on the authorize page when it names none.
    public var authorizingUsername: String?
    /// Pages above this for someone else's inventory answer 403 (Discogs: 100).
    public var foreignInventoryPageCap = 100

    public init() {}
}
