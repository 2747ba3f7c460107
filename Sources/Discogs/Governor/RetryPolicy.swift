/// When to try an idempotent read again after a 5xx or a dropped connection.
///
/// Exponential backoff with jitter so that many callers that failed together do not return
/// together; 429s are not retried here but paced by the governor's pause.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The pause before retry number `attempt` (1 for the first retry): between half and all of
    /// `base × 2^(attempt-1)`, capped.
    public func delay(beforeRetry attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        let ceiling = min(baseDelay * (1 << exponent), maxDelay)
        let fraction = Double.random(in: 0.5...1.0, using: &generator)
        return ceiling * fraction
    }
}
