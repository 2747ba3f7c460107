import Foundation
import Storage
import TestSupport
import Testing

@testable import Discogs

/// The client's side of a fleet's shared Discogs budget, timed on the client's clock: a fake
/// budget here (the PostgreSQL one has its own contract test, the e2e fleet runs both).
@Suite("Discogs client: the fleet's shared budget", .timeLimit(.minutes(1)))
struct FleetBudgetClientTests {
    /// Full until `freesIn` seconds after each of the first `refusals` reservations, then free.
    actor FakeBudget: FleetRequestBudget {
        private var refusals: Int
        private let freesIn: TimeInterval
        private(set) var asked: [Date] = []

        init(refusals: Int, freesIn: TimeInterval) {
            self.refusals = refusals
            self.freesIn = freesIn
        }

        func reserve(limit: Int, window: Duration, now: Date) -> Date? {
            asked.append(now)
            guard refusals > 0 else { return nil }
            refusals -= 1
            return now.addingTimeInterval(freesIn)
        }
    }

    @Test("a spent budget holds the call on the client's clock until the slot frees, then sends it once")
    func waitsForTheSlot() async throws {
        let manual = ManualClock()
        let budget = FakeBudget(refusals: 1, freesIn: 120)
        try await DiscogsStub.run { port, hits in
            let client = DiscogsClient(configuration: DiscogsStub.configuration(port: port), fleetBudget: budget, clock: ServerClock(manual))
            // The client's own task waits, not this one (identical reads share it), so a wait in real
            // time would outlast the time limit: 120 s, not more, keeps such a failure short.
            async let call = client.send(DiscogsRequest(.get, "/echo", maxWait: .seconds(900)), as: .none)
            await manual.sleepers(1)
            #expect(await hits.count("/echo") == 0, "nothing is sent while the fleet's budget is spent")
            manual.advance(by: .seconds(121))
            #expect(try await call.status == 200)
            #expect(await hits.count("/echo") == 1)
            let asked = await budget.asked
            #expect(asked.count == 2 && asked[1].timeIntervalSince(asked[0]) >= 120, "asked again after the slot freed: \(asked)")
            try await client.shutdown()
        }
    }

    @Test("a slot that frees after the call's deadline: refused at once as rate-limited, nothing sent")
    func refusedPastTheDeadline() async throws {
        let manual = ManualClock()
        let budget = FakeBudget(refusals: 1, freesIn: 600)
        try await DiscogsStub.run { port, hits in
            let client = DiscogsClient(configuration: DiscogsStub.configuration(port: port), fleetBudget: budget, clock: ServerClock(manual))
            do {
                _ = try await client.send(DiscogsRequest(.get, "/echo", maxWait: .seconds(60)), as: .none)
                Issue.record("sent although the budget frees only after the deadline")
            } catch DiscogsError.rateLimited(let retryAfter) {
                #expect(retryAfter >= .seconds(600))
            }
            #expect(await hits.count("/echo") == 0 && manual.pendingSleepers.isEmpty)
            try await client.shutdown()
        }
    }
}
