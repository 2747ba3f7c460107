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

    /// Takes `cost` tokens if there are that many (a cost above the capacity is taken as the capacity).
    public mutating func take(at now: Instant, cost: Int = 1) -> Decision {
        refill(at: now)
        let needed = min(capacity, Double(max(1, cost)))
        if tokens >= needed {
            tokens -= needed
            return .allowed
        }
        let seconds = (needed - tokens) / refillPerSecond
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
