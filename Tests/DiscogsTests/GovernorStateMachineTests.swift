import TestSupport
import Testing

@testable import Discogs

/// The governor's policy alone: a pure value driven step by step with a manual clock.
@Suite struct GovernorStateMachineTests {
    typealias Machine = GovernorStateMachine<ManualClock>
    typealias Instant = ManualClock.Instant

    static func at(_ seconds: Double) -> Instant { ManualClock.at(seconds) }

    /// Fills the window with immediately answered requests at `now`.
    static func fill(_ machine: inout Machine, count: Int, from firstID: UInt64 = 1, now: Instant) -> [GovernorPermit] {
        (0..<count).compactMap { offset in
            if case .proceed(let permit) = machine.acquire(
                id: firstID + UInt64(offset),
                priority: .interactive,
                authenticated: true,
                deadline: now.advanced(by: .seconds(600)),
                now: now
            ) {
                return permit
            }
            return nil
        }
    }

    /// 60 requests go at once; the 61st waits until the first leaves the moving window.
    @Test func movingWindowOfSixty() {
        var machine = Machine()
        #expect(Self.fill(&machine, count: 60, now: Self.at(0)).count == 60)
        let action = machine.acquire(id: 61, priority: .interactive, authenticated: true, deadline: Self.at(120), now: Self.at(1))
        #expect(action == .wait(wakeAt: Self.at(60)))
        #expect(machine.advance(now: Self.at(59.9)).granted.isEmpty)
        #expect(machine.advance(now: Self.at(60)).granted.map(\.id) == [61])
    }

    /// With slack, a slot is held past the window (Discogs counts from arrival, we from permission).
    @Test func slackHoldsSlotsPastTheWindow() {
        var machine = Machine(configuration: GovernorConfiguration(windowSlack: .seconds(2)))
        #expect(Self.fill(&machine, count: 60, now: Self.at(0)).count == 60)
        let action = machine.acquire(id: 61, priority: .interactive, authenticated: true, deadline: Self.at(120), now: Self.at(1))
        #expect(action == .wait(wakeAt: Self.at(62)))
        #expect(machine.advance(now: Self.at(61.9)).granted.isEmpty)
        #expect(machine.advance(now: Self.at(62)).granted.map(\.id) == [61])
    }

    /// Anonymous calls have their own, smaller budget (25) inside the shared one.
    @Test func anonymousBudget() {
        var machine = Machine()
        for id in 1...25 {
            let action = machine.acquire(id: UInt64(id), priority: .interactive, authenticated: false, deadline: Self.at(100), now: Self.at(0))
            guard case .proceed = action else {
                Issue.record("anonymous call \(id) should proceed")
                return
            }
        }
        let blocked = machine.acquire(id: 26, priority: .interactive, authenticated: false, deadline: Self.at(100), now: Self.at(0))
        #expect(blocked == .wait(wakeAt: Self.at(60)))
        // Authenticated calls still have room, and are not stuck behind the blocked anonymous one.
        if case .wait = machine.acquire(id: 27, priority: .interactive, authenticated: true, deadline: Self.at(100), now: Self.at(0)) {
            #expect(machine.advance(now: Self.at(0)).granted.map(\.id) == [27])
        }
        #expect(machine.usedInWindow(now: Self.at(0)) == 26)
    }

    /// 50 callers asking for 4 requests each: never more than 60 in any 60 s window, all served.
    @Test func fiftyCallersNeverExceedTheBudget() {
        var machine = Machine()
        var sendTimes: [Double] = []
        var pending: [UInt64: Int] = [:]  // caller id → requests left
        var now = 0.0
        var nextID: UInt64 = 0
        var waitingCallers: Set<UInt64> = []
        var callerOfTicket: [UInt64: UInt64] = [:]
        for caller in 1...50 { pending[UInt64(caller)] = 4 }

        func request(for caller: UInt64) {
            nextID += 1
            callerOfTicket[nextID] = caller
            switch machine.acquire(id: nextID, priority: .interactive, authenticated: true, deadline: Self.at(now + 3600), now: Self.at(now)) {
            case .proceed(let permit): sent(permit)
            case .wait: waitingCallers.insert(caller)
            case .reject: Issue.record("nothing should be rejected with an hour's deadline")
            }
        }
        func sent(_ permit: GovernorPermit) {
            sendTimes.append(now)
            let caller = callerOfTicket[permit.id] ?? 0
            waitingCallers.remove(caller)
            _ = machine.complete(permit, outcome: .answered(nil), now: Self.at(now + 0.2))
            pending[caller, default: 0] -= 1
        }

        for caller in 1...50 { request(for: UInt64(caller)) }
        var steps = 0
        while pending.values.contains(where: { $0 > 0 }), steps < 10_000 {
            steps += 1
            now += 0.5
            for permit in machine.advance(now: Self.at(now)).granted { sent(permit) }
            for (caller, left) in pending where left > 0 && !waitingCallers.contains(caller) { request(for: caller) }
        }
        #expect(sendTimes.count == 200)
        let times = sendTimes.sorted()
        for (index, start) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 < start + 60 }.count
            #expect(inWindow <= 60, "\(inWindow) requests in the 60 s from \(start)")
        }
        // The budget is used, not merely respected: 200 requests need a little over three windows.
        #expect(times.last ?? 0 <= 181)
    }

    /// Interactive waiters go before background ones, whatever the arrival order.
    @Test func interactiveBeforeBackground() {
        var machine = Machine()
        _ = Self.fill(&machine, count: 60, now: Self.at(0))
        for id in 100..<105 {
            _ = machine.acquire(id: UInt64(id), priority: .background, authenticated: true, deadline: Self.at(900), now: Self.at(1))
        }
        for id in 200..<205 {
            _ = machine.acquire(id: UInt64(id), priority: .interactive, authenticated: true, deadline: Self.at(900), now: Self.at(2))
        }
        let granted = machine.advance(now: Self.at(60)).granted.map(\.id)
        #expect(granted == [200, 201, 202, 203, 204, 100, 101, 102, 103, 104])
    }

    /// Background work leaves the last slots of a window to interactive calls.
    @Test func backgroundLeavesHeadroom() {
        var machine = Machine()
        _ = Self.fill(&machine, count: 50, now: Self.at(0))
        let background = machine.acquire(id: 900, priority: .background, authenticated: true, deadline: Self.at(900), now: Self.at(0))
        #expect(background == .wait(wakeAt: Self.at(60)))
        let interactive = machine.acquire(id: 901, priority: .interactive, authenticated: true, deadline: Self.at(30), now: Self.at(0))
        guard case .proceed = interactive else {
            Issue.record("interactive call should use the reserve")
            return
        }
    }

    /// A caller whose deadline passes is refused with an estimate of when to retry.
    @Test func deadlinesExpire() {
        var machine = Machine()
        _ = Self.fill(&machine, count: 60, now: Self.at(0))
        // The slot frees at 60 s, after this caller's deadline: refused at once.
        #expect(
            machine.acquire(id: 70, priority: .interactive, authenticated: true, deadline: Self.at(30), now: Self.at(10))
                == .reject(retryAfter: .seconds(50))
        )
        // Queued behind someone: waits, then is refused at its deadline.
        _ = machine.acquire(id: 71, priority: .interactive, authenticated: true, deadline: Self.at(90), now: Self.at(10))
        _ = machine.acquire(id: 72, priority: .interactive, authenticated: true, deadline: Self.at(40), now: Self.at(10))
        let decisions = machine.advance(now: Self.at(40))
        #expect(decisions.rejected.map(\.id) == [72])
        #expect(decisions.rejected.first?.retryAfter == .seconds(20))
        #expect(machine.advance(now: Self.at(60)).granted.map(\.id) == [71])
    }

    /// Discogs' headers tighten our count when another process shares the IP.
    @Test func headersFeedTheBudget() {
        var machine = Machine()
        let permit = Self.fill(&machine, count: 1, now: Self.at(0))[0]
        _ = machine.complete(permit, outcome: .answered(RateLimitSnapshot(limit: 60, used: 50, remaining: 10)), now: Self.at(0))
        #expect(machine.usedInWindow(now: Self.at(0)) == 50)
        #expect(Self.fill(&machine, count: 20, from: 10, now: Self.at(1)).count == 10)
        // Discogs announcing a lower limit lowers ours.
        var other = Machine()
        let first = Self.fill(&other, count: 1, now: Self.at(0))[0]
        _ = other.complete(first, outcome: .answered(RateLimitSnapshot(limit: 40, used: 1, remaining: 39)), now: Self.at(0))
        #expect(Self.fill(&other, count: 60, from: 10, now: Self.at(0)).count == 39)
    }

    /// A 429 pauses everyone; the pause doubles while 429s continue and clears after success.
    @Test func recoversFromA429Storm() {
        var machine = Machine()
        let permits = Self.fill(&machine, count: 3, now: Self.at(0))
        _ = machine.complete(permits[0], outcome: .rateLimited(retryAfter: nil, nil), now: Self.at(1))
        #expect(machine.pausedUntil == Self.at(61))
        // An interactive caller with 30 s to spare is told to come back in about a minute.
        #expect(
            machine.acquire(id: 10, priority: .interactive, authenticated: true, deadline: Self.at(32), now: Self.at(2))
                == .reject(retryAfter: .seconds(59))
        )
        // Background work waits it out.
        #expect(
            machine.acquire(id: 11, priority: .background, authenticated: true, deadline: Self.at(900), now: Self.at(2)) == .wait(wakeAt: Self.at(61))
        )
        // A second 429 (from a request already in flight) doubles the pause.
        _ = machine.complete(permits[1], outcome: .rateLimited(retryAfter: nil, nil), now: Self.at(3))
        #expect(machine.pausedUntil == Self.at(123))
        #expect(machine.advance(now: Self.at(100)).granted.isEmpty)
        let granted = machine.advance(now: Self.at(123)).granted
        #expect(granted.map(\.id) == [11])
        _ = machine.complete(granted[0], outcome: .answered(nil), now: Self.at(124))
        #expect(machine.consecutiveRateLimits == 0)
        #expect(machine.breaker == .closed)
        // Retry-After, when Discogs does send it, wins over our backoff.
        _ = machine.complete(permits[2], outcome: .rateLimited(retryAfter: .seconds(7), nil), now: Self.at(130))
        #expect(machine.pausedUntil == Self.at(137))
    }

    /// Three 429s in a row open the breaker; after the cool-down one probe goes; its answer decides.
    @Test func breakerOpensAndHalfOpens() {
        var machine = Machine(configuration: GovernorConfiguration(breakerCooldown: .seconds(900)))
        let permits = Self.fill(&machine, count: 3, now: Self.at(0))
        for (offset, permit) in permits.enumerated() {
            _ = machine.complete(permit, outcome: .rateLimited(retryAfter: nil, nil), now: Self.at(Double(offset)))
        }
        #expect(machine.breaker == .open(until: Self.at(902)))
        // Open: everyone, background included, is refused at once.
        #expect(
            machine.acquire(id: 10, priority: .background, authenticated: true, deadline: Self.at(5000), now: Self.at(10))
                == .reject(retryAfter: .seconds(892))
        )
        // Half-open: the first caller is the probe; the next waits for its verdict.
        guard
            case .proceed(let probe) = machine.acquire(id: 11, priority: .interactive, authenticated: true, deadline: Self.at(950), now: Self.at(902))
        else {
            Issue.record("the first call after the cool-down should be the probe")
            return
        }
        #expect(probe.isProbe)
        #expect(
            machine.acquire(id: 12, priority: .interactive, authenticated: true, deadline: Self.at(950), now: Self.at(902))
                == .wait(wakeAt: Self.at(950))
        )
        // The probe is refused again: open for another cool-down, and the waiter is told so.
        let refused = machine.complete(probe, outcome: .rateLimited(retryAfter: nil, nil), now: Self.at(903))
        #expect(refused.rejected.map(\.id) == [12])
        guard case .open(let until) = machine.breaker else {
            Issue.record("breaker should reopen")
            return
        }
        #expect(until == Self.at(903 + 900))
        // Next probe succeeds: closed, and normal traffic flows.
        guard
            case .proceed(let second) = machine.acquire(
                id: 13,
                priority: .interactive,
                authenticated: true,
                deadline: Self.at(2000),
                now: Self.at(1803)
            )
        else {
            Issue.record("second probe should proceed")
            return
        }
        _ = machine.acquire(id: 14, priority: .interactive, authenticated: true, deadline: Self.at(2000), now: Self.at(1803))
        let decisions = machine.complete(second, outcome: .answered(nil), now: Self.at(1804))
        #expect(machine.breaker == .closed)
        #expect(decisions.granted.map(\.id) == [14])
    }

    /// A probe that got no answer at all (connection reset) lets the next caller probe instead.
    @Test func probeWithoutAnswerFreesTheProbeSlot() {
        var machine = Machine(configuration: GovernorConfiguration(breakerThreshold: 1, breakerCooldown: .seconds(10)))
        let permit = Self.fill(&machine, count: 1, now: Self.at(0))[0]
        _ = machine.complete(permit, outcome: .rateLimited(retryAfter: .seconds(1), nil), now: Self.at(0))
        guard case .proceed(let probe) = machine.acquire(id: 5, priority: .interactive, authenticated: true, deadline: Self.at(100), now: Self.at(10))
        else {
            Issue.record("probe expected")
            return
        }
        _ = machine.acquire(id: 6, priority: .interactive, authenticated: true, deadline: Self.at(100), now: Self.at(10))
        let decisions = machine.complete(probe, outcome: .noAnswer, now: Self.at(11))
        #expect(decisions.granted.map(\.id) == [6])
        #expect(decisions.granted.first?.isProbe == true)
    }
}
