extension GovernorStateMachine {
    /// A permitted request finished; feeds Discogs' headers and 429s back into the budget.
    public mutating func complete(_ permit: GovernorPermit, outcome: GovernorOutcome, now: Instant) -> Decisions {
        prune(now: now)
        switch outcome {
        case .answered(let snapshot):
            consecutiveRateLimits = 0
            if permit.isProbe { breaker = .closed }
            if let snapshot { apply(snapshot, authenticated: permit.authenticated, now: now) }
        case .rateLimited(let retryAfter, let snapshot):
            consecutiveRateLimits += 1
            let exponent = min(consecutiveRateLimits - 1, 16)
            let backoff = min(configuration.backoffBase * (1 << exponent), configuration.backoffMax)
            let pause = retryAfter.map { max($0, .seconds(1)) } ?? backoff
            let until = now.advanced(by: pause)
            if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
            if permit.isProbe || consecutiveRateLimits >= configuration.breakerThreshold {
                breaker = .open(until: now.advanced(by: max(configuration.breakerCooldown, pause)))
            }
            if let snapshot { apply(snapshot, authenticated: permit.authenticated, now: now) }
        case .noAnswer:
            if case .halfOpen(let probe) = breaker, probe == permit.id { breaker = .halfOpen(probe: nil) }
        }
        var decisions = advance(now: now)
        // Fail fast: a waiter whose deadline falls inside the new pause would only wait to be refused.
        if let pausedUntil {
            let doomed = waiters.filter { $0.deadline < pausedUntil }
            waiters.removeAll { $0.deadline < pausedUntil }
            decisions.rejected += doomed.map { ($0.id, Self.atLeastOneSecond(now.duration(to: pausedUntil))) }
            decisions.wakeAt = nextWake(now: now)
        }
        return decisions
    }

    /// Reconciles our count with Discogs' (other processes on this IP, restarts, a lower limit).
    ///
    /// When Discogs says fewer requests remain than we think, the difference is recorded as
    /// requests made now, which ages out of the window like real ones.
    mutating func apply(_ snapshot: RateLimitSnapshot, authenticated: Bool, now: Instant) {
        let limit: Int
        let used: Int
        if authenticated {
            if snapshot.limit > 0 { authenticatedLimit = min(configuration.authenticatedLimit, snapshot.limit) }
            limit = authenticatedLimit
            used = sent.count
        } else {
            limit = min(configuration.anonymousLimit, snapshot.limit > 0 ? snapshot.limit : configuration.anonymousLimit)
            used = sent.filter { !$0.authenticated }.count
        }
        let ourRemaining = limit - used
        let missing = ourRemaining - max(0, snapshot.remaining)
        guard missing > 0 else { return }
        for _ in 0..<missing { sent.append(Sent(at: now, authenticated: authenticated)) }
    }
}
