import Discogs
import DiscogsSandbox
import Foundation
import Storage
import TestSupport
import Testing

/// A fleet's background syncs (issue 11 point 3): two indexes over one database, as two instances,
/// with a shared lease table (a fake of `SyncLeaseRepository`; the PostgreSQL one has its own test).
@Suite("Collection index: sync leases of a fleet")
struct CollectionIndexLeaseTests {
    typealias H = IndexHarness

    actor FakeLeases: SyncLeaseRepository {
        var leases: [String: (holder: String, expiresAt: Date)] = [:]
        func acquire(username: String, list: String, holder: String, expiresAt: Date, now: Date) -> Bool {
            let key = username.lowercased() + "/" + list
            if let lease = leases[key], lease.holder != holder, lease.expiresAt > now { return false }
            leases[key] = (holder, expiresAt)
            return true
        }
        func release(username: String, list: String, holder: String) {
            let key = username.lowercased() + "/" + list
            if leases[key]?.holder == holder { leases[key] = nil }
        }
    }

    /// An interrupted full sync of the sample collection (page 11 of 30 next), as a dead instance leaves it.
    static func interrupted(_ h: IndexHarness) async throws {
        let state = h.state
        _ = try? await h.index.refresh(username: H.username, list: .collection, credential: H.credential) { done, _ in
            if done == 1_000 { await state.injectFault(.malformedJSON, count: 1, pathContains: "/collection/folders/0/releases") }
        }
        #expect(try await h.store.syncState(username: H.username, list: .collection)?.nextPage == 11)
        await h.state.resetCounters()
    }

    static func instance(
        _ h: IndexHarness,
        _ leases: FakeLeases,
        _ name: String,
        clock: ServerClock = ServerClock(ManualClock())
    ) async -> CollectionIndex {
        var configuration = CollectionIndexConfiguration(clock: clock)
        configuration.leaseLifetime = .seconds(60)
        let index = CollectionIndex(api: h.client, store: h.store, configuration: configuration, leases: (leases, name))
        await index.remember(username: H.username, credential: H.credential)
        return index
    }

    @Test("two instances' background passes at once: one resumes the sync, the other skips it")
    func oneAtATime() async throws {
        try await H.with(collection: 3_000) { h in
            try await Self.interrupted(h)
            let leases = FakeLeases()
            let (a, b) = (await Self.instance(h, leases, "a"), await Self.instance(h, leases, "b"))
            async let fromA = a.refreshStale(olderThan: .seconds(3600))
            async let fromB = b.refreshStale(olderThan: .seconds(3600))
            let reports = await fromA + fromB
            #expect(reports.filter { $0.list == .collection }.count == 1, "\(reports)")
            #expect(await h.state.requestCount(route: H.collectionRoute) == 20, "pages 11 to 30, read once")
            #expect(await leases.leases.isEmpty, "given back after the sync")
        }
    }

    @Test("a dead instance's lease expires and another instance resumes the sync at the saved page")
    func survivesADeadHolder() async throws {
        try await H.with(collection: 3_000) { h in
            try await Self.interrupted(h)
            let leases = FakeLeases()
            let manual = ManualClock()
            let clock = ServerClock(manual)
            let expiry = clock.date.addingTimeInterval(60)
            #expect(await leases.acquire(username: H.username, list: "collection", holder: "dead", expiresAt: expiry, now: clock.date))
            let b = await Self.instance(h, leases, "b", clock: clock)
            manual.advance(by: .seconds(59))
            #expect(await b.refreshStale(olderThan: .seconds(3600)).filter { $0.list == .collection }.isEmpty, "the lease still lives")
            #expect(await h.state.requestCount(route: H.collectionRoute) == 0)
            // Nobody renews it: a minute on b's clock after it was taken, the lease has expired.
            manual.advance(by: .seconds(2))
            let report = try #require(await b.refreshStale(olderThan: .seconds(3600)).first { $0.list == .collection })
            #expect(report.resumed && report.indexedTotal == 3_000)
            #expect(await h.state.requestCount(route: H.collectionRoute) == 20)
        }
    }
}
