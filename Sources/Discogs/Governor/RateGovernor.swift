/// The process-wide outbound governor: a thin actor around `GovernorStateMachine`.
///
/// It owns the suspended callers and one timer; every decision is the state machine's. One
/// instance per process (per egress IP), shared by every user's calls, because that is how
/// Discogs counts.
public actor RateGovernor<C: Clock> where C.Duration == Duration {
    private var machine: GovernorStateMachine<C>
    private let clock: C
    private var waiting: [UInt64: CheckedContinuation<GovernorPermit, any Error>] = [:]
    private var nextID: UInt64 = 0
    private var timer: Task<Void, Never>?
    private var timerDeadline: C.Instant?

    public init(configuration: GovernorConfiguration = GovernorConfiguration(), clock: C) {
        self.machine = GovernorStateMachine(configuration: configuration)
        self.clock = clock
    }

    /// Waits for a slot in the budget, or throws `DiscogsError.rateLimited` if none comes within `maxWait`.
    public func acquire(priority: RequestPriority, authenticated: Bool, maxWait: Duration) async throws -> GovernorPermit {
        try Task.checkCancellation()
        nextID += 1
        let id = nextID
        let now = clock.now
        switch machine.acquire(id: id, priority: priority, authenticated: authenticated, deadline: now.advanced(by: maxWait), now: now) {
        case .proceed(let permit):
            return permit
        case .reject(let retryAfter):
            throw DiscogsError.rateLimited(retryAfter: retryAfter)
        case .wait(let wakeAt):
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    waiting[id] = continuation
                    schedule(wakeAt)
                }
            } onCancel: {
                Task { await self.cancel(id) }
            }
        }
    }

    /// Hands a permit back with what Discogs said; must be called once per permit.
    public func complete(_ permit: GovernorPermit, outcome: GovernorOutcome) {
        apply(machine.complete(permit, outcome: outcome, now: clock.now))
    }

    /// A snapshot for metrics and tests.
    public func status() -> GovernorStatus<C> {
        let now = clock.now
        return GovernorStatus(
            usedInWindow: machine.usedInWindow(now: now),
            waiting: machine.waitingCount,
            pausedUntil: machine.pausedUntil,
            breaker: machine.breaker,
            consecutiveRateLimits: machine.consecutiveRateLimits,
            nextWake: timerDeadline
        )
    }

    /// Refuses every waiter; used at shutdown so nothing hangs.
    public func shutdown() {
        timer?.cancel()
        timer = nil
        for (id, continuation) in waiting {
            machine.cancel(id: id)
            continuation.resume(throwing: CancellationError())
        }
        waiting.removeAll()
    }

    private func cancel(_ id: UInt64) {
        guard let continuation = waiting.removeValue(forKey: id) else { return }
        machine.cancel(id: id)
        continuation.resume(throwing: CancellationError())
        apply(machine.advance(now: clock.now))
    }

    private func timerFired() {
        timerDeadline = nil
        timer = nil
        apply(machine.advance(now: clock.now))
    }

    private func apply(_ decisions: GovernorStateMachine<C>.Decisions) {
        for permit in decisions.granted {
            waiting.removeValue(forKey: permit.id)?.resume(returning: permit)
        }
        for (id, retryAfter) in decisions.rejected {
            waiting.removeValue(forKey: id)?.resume(throwing: DiscogsError.rateLimited(retryAfter: retryAfter))
        }
        schedule(decisions.wakeAt)
    }

    /// Keeps one timer, set for the earliest instant the machine asked to be woken.
    private func schedule(_ wakeAt: C.Instant?) {
        guard let wakeAt else { return }
        if let timerDeadline, timerDeadline <= wakeAt { return }
        timer?.cancel()
        timerDeadline = wakeAt
        let clock = self.clock
        timer = Task { [weak self] in
            do {
                try await clock.sleep(until: wakeAt, tolerance: nil)
            } catch {
                return
            }
            await self?.timerFired()
        }
    }
}

/// What the governor is doing, for `/metrics`, `server_info` and tests.
public struct GovernorStatus<C: Clock>: Sendable where C.Duration == Duration {
    public var usedInWindow: Int
    public var waiting: Int
    public var pausedUntil: C.Instant?
    public var breaker: GovernorStateMachine<C>.Breaker
    public var consecutiveRateLimits: Int
    /// When the governor will next re-examine its queue (nil with nobody waiting).
    public var nextWake: C.Instant?
}
