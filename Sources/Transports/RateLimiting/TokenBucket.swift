/// One token bucket: `capacity` tokens, refilled continuously at `refillPerSecond`.
///
/// A pure value driven by the instants it is given, so its behaviour is tested with a manual
/// clock and no sleeping.
public struct TokenBucket<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; a token will be available after this long.
        case limited(retryAfter: Duration)
    }

    public let capacity: Double
    public let refillPerSecond: Double
    public private(set) var tokens: Double
    private var updated: Instant

    public init(capacity: Int, refillPerSecond: Double, now: Instant) {
        precondition(capacity > 0 && refillPerSecond > 0, "a bucket needs capacity and refill")
        self.capacity = Double(capacity)
        self.refillPerSecond = refillPerSecond
        self.tokens = Double(capacity)
        self.updated = now
    }

    /// Takes one token if there is one.
    public mutating func take(at now: Instant) -> Decision {
        refill(at: now)
        if tokens >= 1 {
            tokens -= 1
            return .allowed
        }
        let seconds = (1 - tokens) / refillPerSecond
        return .limited(retryAfter: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }

    /// Whether the bucket has refilled completely (an idle bucket that can be forgotten).
    public mutating func isFull(at now: Instant) -> Bool {
        refill(at: now)
        return tokens >= capacity
    }

    private mutating func refill(at now: Instant) {
        guard now > updated else { return }
        let elapsed = updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * refillPerSecond)
        updated = now
    }
}
