/// The outbound governor's decisions, as a pure value: no tasks, no locks, no clock of its own.
///
/// Callers pass `now` and act on the returned actions, so the whole policy (moving window,
/// priorities, deadlines, 429 pauses, the circuit breaker) is tested step by step with a manual
/// clock, the way Hummingbird tests its connection state machine.
public struct GovernorStateMachine<C: Clock>: Sendable where C.Duration == Duration {
    public typealias Instant = C.Instant

    struct Sent: Sendable {
        var at: Instant
        var authenticated: Bool
    }

    struct Waiter: Sendable {
        var id: UInt64
        var priority: RequestPriority
        var authenticated: Bool
        var deadline: Instant
        var sequence: UInt64
    }

    /// The circuit breaker: closed (normal), open (refuse everything), half-open (one probe).
    public enum Breaker: Sendable, Equatable {
        case closed
        case open(until: Instant)
        case halfOpen(probe: UInt64?)
    }

    /// What `acquire` tells the caller to do.
    public enum AcquireAction: Sendable, Equatable {
        /// Send now.
        case proceed(GovernorPermit)
        /// Suspend; a later `advance`/`complete` grants or rejects this id. Wake the machine at `wakeAt`.
        case wait(wakeAt: Instant?)
        /// Give up now: no slot can be had before the caller's deadline.
        case reject(retryAfter: Duration)
    }

    /// Waiters granted or refused by a step, and when to call `advance` next.
    public struct Decisions: Sendable {
        public var granted: [GovernorPermit] = []
        public var rejected: [(id: UInt64, retryAfter: Duration)] = []
        public var wakeAt: Instant?
    }

    public let configuration: GovernorConfiguration
    var sent: [Sent] = []
    var waiters: [Waiter] = []
    var sequence: UInt64 = 0
    public internal(set) var pausedUntil: Instant?
    public internal(set) var consecutiveRateLimits = 0
    public internal(set) var breaker: Breaker = .closed
    /// The authenticated limit Discogs last announced, capped by the configuration.
    public internal(set) var authenticatedLimit: Int

    public init(configuration: GovernorConfiguration = GovernorConfiguration()) {
        self.configuration = configuration
        self.authenticatedLimit = configuration.authenticatedLimit
    }

    /// Requests counted in the current window (sent by us, or inferred from Discogs' headers).
    public mutating func usedInWindow(now: Instant) -> Int {
        prune(now: now)
        return sent.count
    }

    public var waitingCount: Int { waiters.count }

    // MARK: Acquire

    /// A caller wants to send one request.
    public mutating func acquire(
        id: UInt64,
        priority: RequestPriority,
        authenticated: Bool,
        deadline: Instant,
        now: Instant
    ) -> AcquireAction {
        prune(now: now)
        refreshBreaker(now: now)
        if case .open(let until) = breaker {
            return .reject(retryAfter: Self.atLeastOneSecond(now.duration(to: until)))
        }
        if let pausedUntil, pausedUntil > now, pausedUntil > deadline {
            return .reject(retryAfter: Self.atLeastOneSecond(now.duration(to: pausedUntil)))
        }
        let blockedUntil = gate(priority: priority, authenticated: authenticated, now: now)
        let queueAhead = waiters.contains { $0.priority <= priority }
        if blockedUntil == nil, !queueAhead, let permit = admit(id: id, authenticated: authenticated, now: now) {
            return .proceed(permit)
        }
        if let blockedUntil, blockedUntil > deadline, !queueAhead {
            return .reject(retryAfter: Self.atLeastOneSecond(now.duration(to: blockedUntil)))
        }
        sequence += 1
        let waiter = Waiter(id: id, priority: priority, authenticated: authenticated, deadline: deadline, sequence: sequence)
        let index = waiters.firstIndex { $0.priority > priority } ?? waiters.endIndex
        waiters.insert(waiter, at: index)
        return .wait(wakeAt: nextWake(now: now))
    }

    /// A waiting caller went away (its task was cancelled).
    public mutating func cancel(id: UInt64) {
        waiters.removeAll { $0.id == id }
    }

    /// Grants what the budget allows now and refuses waiters whose deadline passed.
    public mutating func advance(now: Instant) -> Decisions {
        prune(now: now)
        refreshBreaker(now: now)
        var decisions = Decisions()
        var remaining: [Waiter] = []
        var globallyBlocked = false
        for waiter in waiters {
            if !globallyBlocked, gate(priority: waiter.priority, authenticated: waiter.authenticated, now: now) == nil,
                let permit = admit(id: waiter.id, authenticated: waiter.authenticated, now: now)
            {
                decisions.granted.append(permit)
                continue
            }
            // A full window or a pause blocks everyone behind, keeping the order fair; a tier limit
            // (background reserve, anonymous budget) blocks only its own tier.
            if !globallyBlocked, gate(priority: .interactive, authenticated: true, now: now) != nil || !breakerAllowsMore {
                globallyBlocked = true
            }
            if waiter.deadline <= now || breakerIsOpen {
                let until = gate(priority: waiter.priority, authenticated: waiter.authenticated, now: now) ?? now.advanced(by: configuration.window)
                decisions.rejected.append((waiter.id, Self.atLeastOneSecond(now.duration(to: until))))
            } else {
                remaining.append(waiter)
            }
        }
        waiters = remaining
        decisions.wakeAt = nextWake(now: now)
        return decisions
    }

    // MARK: Internals

    /// When a request of this kind could go at the earliest, or nil if it can go now.
    func gate(priority: RequestPriority, authenticated: Bool, now: Instant) -> Instant? {
        var candidates: [Instant] = []
        if case .open(let until) = breaker { candidates.append(until) }
        if let pausedUntil, pausedUntil > now { candidates.append(pausedUntil) }
        var limit = authenticatedLimit
        if priority == .background { limit = max(1, limit - configuration.backgroundReserve) }
        if sent.count >= limit {
            candidates.append(sent[sent.count - limit].at.advanced(by: configuration.slotLifetime))
        }
        if !authenticated {
            let anonymous = sent.filter { !$0.authenticated }
            if anonymous.count >= configuration.anonymousLimit {
                candidates.append(anonymous[anonymous.count - configuration.anonymousLimit].at.advanced(by: configuration.slotLifetime))
            }
        }
        return candidates.max()
    }

    /// Records a send, or returns nil when a half-open breaker already has its probe out.
    mutating func admit(id: UInt64, authenticated: Bool, now: Instant) -> GovernorPermit? {
        var probe = false
        if case .halfOpen(let current) = breaker {
            guard current == nil else { return nil }
            breaker = .halfOpen(probe: id)
            probe = true
        }
        sent.append(Sent(at: now, authenticated: authenticated))
        return GovernorPermit(id: id, authenticated: authenticated, isProbe: probe)
    }

    var breakerIsOpen: Bool {
        if case .open = breaker { return true }
        return false
    }

    var breakerAllowsMore: Bool {
        if case .halfOpen(let probe) = breaker { return probe == nil }
        return !breakerIsOpen
    }

    mutating func refreshBreaker(now: Instant) {
        if case .open(let until) = breaker, until <= now { breaker = .halfOpen(probe: nil) }
        if let pausedUntil, pausedUntil <= now { self.pausedUntil = nil }
    }

    mutating func prune(now: Instant) {
        let expired = sent.prefix { $0.at.advanced(by: configuration.slotLifetime) <= now }.count
        if expired > 0 { sent.removeFirst(expired) }
    }

    /// The earliest instant at which something may change for the waiters.
    func nextWake(now: Instant) -> Instant? {
        guard !waiters.isEmpty else { return nil }
        var candidates = waiters.map(\.deadline)
        for waiter in waiters {
            if let gate = gate(priority: waiter.priority, authenticated: waiter.authenticated, now: now) {
                candidates.append(gate)
            } else if breakerAllowsMore {
                // Free to go but queued behind others (a new arrival): decide at once.
                candidates.append(now)
            }
        }
        return candidates.min()
    }

    static func atLeastOneSecond(_ duration: Duration) -> Duration {
        max(duration, .seconds(1))
    }
}
