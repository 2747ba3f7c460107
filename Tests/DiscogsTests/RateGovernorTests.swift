import TestSupport
import Testing

@testable import Discogs

/// The actor shell: real concurrent callers, a manual clock, the state machine's decisions.
@Suite struct RateGovernorTests {
    /// Lets suspended tasks run before the clock moves again.
    static func settle() async {
        for _ in 0..<200 { await Task.yield() }
    }

    /// 50 concurrent callers, 3 requests each, through the actor: never more than 60 in any 60 s.
    @Test func fiftyConcurrentCallers() async throws {
        let clock = ManualClock()
        let governor = RateGovernor(clock: clock)
        let sendTimes = SharedBox<[Duration]>([])
        let finished = SharedBox(0)
        let callers = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        defer { finished.withLock { $0 += 1 } }
                        for _ in 0..<3 {
                            guard let permit = try? await governor.acquire(priority: .interactive, authenticated: true, maxWait: .seconds(600)) else {
                                return
                            }
                            sendTimes.withLock { $0.append(clock.now.offset) }
                            await governor.complete(permit, outcome: .answered(nil))
                        }
                    }
                }
            }
        }
        var elapsed = 0
        while finished.value < 50, elapsed < 600 {
            // Move time only once every caller is parked in the governor or done, so each send is
            // stamped with the instant it was allowed.
            var spins = 0
            func busy() async -> Bool {
                let status = await governor.status()
                let timerDue = status.nextWake.map { $0 <= clock.now } ?? false
                return timerDue || status.waiting + finished.value < 50
            }
            while await busy(), spins < 100_000 {
                await Task.yield()
                spins += 1
            }
            clock.advance(by: .seconds(1))
            elapsed += 1
        }
        if finished.value < 50 {
            let status = await governor.status()
            Issue.record(
                "stuck: sent \(sendTimes.value.count), waiting \(status.waiting), used \(status.usedInWindow), now \(clock.now.offset), sleepers \(clock.pendingSleepers)"
            )
            callers.cancel()
        }
        await callers.value
        let times = sendTimes.value.sorted()
        #expect(times.count == 150)
        for (index, start) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 < start + .seconds(60) }.count
            #expect(inWindow <= 60)
        }
        #expect(await governor.status().waiting == 0)
    }

    /// A waiting caller whose task is cancelled leaves the queue and throws.
    @Test func cancellationLeavesTheQueue() async throws {
        let clock = ManualClock()
        let governor = RateGovernor(configuration: GovernorConfiguration(authenticatedLimit: 1), clock: clock)
        let first = try await governor.acquire(priority: .interactive, authenticated: true, maxWait: .seconds(10))
        let waiter = Task { try await governor.acquire(priority: .interactive, authenticated: true, maxWait: .seconds(100)) }
        await Self.settle()
        #expect(await governor.status().waiting == 1)
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await governor.status().waiting == 0)
        await governor.complete(first, outcome: .answered(nil))
    }

    /// A 429 turns waiting interactive callers into a "retry in N s" error instead of a long hang.
    @Test func rateLimitFailsFastForInteractiveCallers() async throws {
        let clock = ManualClock()
        let governor = RateGovernor(configuration: GovernorConfiguration(authenticatedLimit: 1), clock: clock)
        let first = try await governor.acquire(priority: .interactive, authenticated: true, maxWait: .seconds(10))
        let waiter = Task { try await governor.acquire(priority: .interactive, authenticated: true, maxWait: .seconds(30)) }
        await Self.settle()
        await governor.complete(first, outcome: .rateLimited(retryAfter: nil, nil))
        await #expect(throws: DiscogsError.rateLimited(retryAfter: .seconds(60))) { try await waiter.value }
        #expect(DiscogsError.rateLimited(retryAfter: .seconds(40)).description == "Discogs is rate-limiting this server; retry in about 40 s.")
    }
}
