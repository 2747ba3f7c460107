import Discogs
import DiscogsSandbox
import Foundation
import Storage
import TestSupport
import Testing

@Suite("Collection index sync")
struct CollectionIndexSyncTests {
    typealias H = IndexHarness

    @Test("a 10,000-item collection syncs in exactly 100 page requests, nothing cut")
    func tenThousandItems() async throws {
        let observer = RecordingSyncObserver()
        try await H.with(collection: 10_000, wantlist: 5, observer: observer) { h in
            let progress = ProgressLog()
            let started = ContinuousClock.now
            let report = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential, full: true) { done, total in
                await progress.append(done, total)
            }
            let elapsed = ContinuousClock.now - started
            print("full sync of 10,000 items: \(elapsed)")
            #expect(await h.state.requestCount(route: H.collectionRoute) == 100)
            #expect(report.indexedTotal == 10_000)
            #expect(try await h.store.count(username: H.username, list: .collection) == 10_000)
            #expect(report.kind == .full && report.outcome == .completed && report.added == 10_000)
            let seen = await progress.entries
            #expect(seen.count == 100 && seen.last?.0 == 10_000 && seen.last?.1 == 10_000)
            let reports = await observer.reports
            #expect(reports.count == 1 && reports.first?.requests == 101)  // 100 pages + the folder list
            let distinct = Set(await h.copies().map(\.instanceID))
            #expect(try await h.store.instanceIDs(username: H.username, list: .collection) == distinct)
        }
    }

    @Test("an interrupted sync resumes at the page it reached")
    func resumesAfterInterruption() async throws {
        try await H.with(collection: 3_000) { h in
            let state = h.state
            do {
                _ = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential) { done, _ in
                    if done == 1_000 { await state.injectFault(.malformedJSON, count: 1, pathContains: "/collection/folders/0/releases") }
                }
                Issue.record("the sync should have failed on the injected fault")
            } catch {}
            let saved = try #require(try await h.store.syncState(username: H.username, list: .collection))
            #expect(saved.nextPage == 11 && !saved.hasCompleted && saved.lastError != nil)
            #expect(try await h.store.count(username: H.username, list: .collection) == 1_000)
            await h.state.resetCounters()
            let restarted = h.restartedIndex()
            let report = try await restarted.refresh(username: H.username, list: .collection, credential: H.credential)
            #expect(report.resumed)
            #expect(await h.state.requestCount(route: H.collectionRoute) == 20)
            #expect(report.indexedTotal == 3_000 && report.removed == 0)
        }
    }

    @Test("after one addition on discogs.com a refresh makes at most 3 requests and finds it")
    func incrementalAddition() async throws {
        try await H.with(collection: 600, wantlist: 30) { h in
            _ = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            _ = try await h.index.refresh(username: H.username, list: .wantlist, credential: H.credential)
            let owned = Set(await h.copies().map(\.releaseID))
            let data = await h.state.data
            let releaseID = try #require(data.releases.keys.sorted().first { !owned.contains($0) })
            // Added outside this server (as on discogs.com): no AccountChange reaches the index.
            let instanceID = try await h.client.addToCollection(username: H.username, releaseID: releaseID, folderID: 1, as: H.credential).instanceId
            await h.state.resetCounters()
            let collection = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            let wantlist = try await h.index.refresh(username: H.username, list: .wantlist, credential: H.credential)
            #expect(await h.state.totalRequests <= 3)
            #expect(collection.requests == 2 && collection.added == 1 && !collection.widened)
            #expect(wantlist.added == 0)
            let found = try await h.index.search(IndexQuery(username: H.username, releaseIDs: [releaseID]))
            #expect(found.total == 1 && found.items.first?.instanceID == instanceID)
            #expect(found.items.first?.title == (await h.release(releaseID))?.title)
        }
    }

    @Test("a removal on discogs.com is detected by re-reading only the affected folder")
    func removalDetected() async throws {
        try await H.with(collection: 800) { h in
            _ = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            let victim = try #require(await h.copies().dropFirst(100).first)
            try await h.client.removeFromCollection(
                username: H.username,
                folderID: victim.folderID,
                releaseID: victim.releaseID,
                instanceID: victim.instanceID,
                as: H.credential
            )
            let folderSize = await h.copies().filter { $0.folderID == victim.folderID }.count
            await h.state.resetCounters()
            let report = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            #expect(report.removed == 1 && report.widened && report.indexedTotal == 799)
            #expect(report.requests == 2 + (folderSize + 99) / 100)
            #expect(await h.state.requestCount(route: H.collectionRoute) < 8)
            #expect(try await h.store.item(username: H.username, list: .collection, instanceID: victim.instanceID) == nil)
        }
    }

    @Test("our own writes apply with zero upstream calls")
    func ownWritesApplyLocally() async throws {
        try await H.with(collection: 200, wantlist: 20) { h in
            _ = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            _ = try await h.index.refresh(username: H.username, list: .wantlist, credential: H.credential)
            let want = try #require(await h.state.data.wants["sandbox_collector"]?.first)
            let copy = try #require(await h.copies().first)
            await h.state.resetCounters()
            await h.index.apply(.copyAdded(username: H.username, releaseID: want.releaseID, instanceID: 42, folderID: 1))
            await h.index.apply(.wantRemoved(username: H.username, releaseID: want.releaseID))
            await h.index.apply(.copyEdited(username: H.username, instanceID: copy.instanceID, rating: 5, folderID: nil))
            await h.index.apply(.fieldEdited(username: H.username, instanceID: copy.instanceID, fieldID: 3, value: "zebraprint sleeve"))
            await h.index.apply(.copyRemoved(username: H.username, instanceID: (await h.copies())[1].instanceID))
            #expect(await h.state.totalRequests == 0)
            let added = try #require(try await h.store.item(username: H.username, list: .collection, instanceID: 42))
            #expect(added.title == (await h.release(want.releaseID))?.title && !added.isPlaceholder)
            #expect(try await h.store.item(username: H.username, list: .wantlist, instanceID: want.releaseID) == nil)
            let noted = try await h.index.search(IndexQuery(username: H.username, text: "zebraprint"))
            #expect(noted.total == 1 && noted.items.first?.rating == 5)
            #expect(try await h.store.count(username: H.username, list: .collection) == 200)
        }
    }

    @Test("a first read that outlasts the wait bound is explicitly partial, then completes", .timeLimit(.minutes(3)))
    func partialFirstRead() async throws {
        let clock = ManualClock()
        let configuration = CollectionIndexConfiguration(waitBound: .seconds(20), clock: ServerClock(clock))
        try await H.with(collection: 2_000, configuration: configuration) { h in
            // Slow pages (4 s for the 20 of them), so the sync is still running when the bound passes.
            await h.state.setLatency(.milliseconds(200))
            let (pages, pageSink) = AsyncStream<Int>.makeStream()
            let first = Task {
                try await h.index.prepare(username: H.username, list: .collection, credential: H.credential) { done, _ in pageSink.yield(done) }
            }
            // The read waits on the index's clock for its bound; once the first page is in (so the
            // total is known), moving the clock past the bound ends the wait, not the sync.
            await clock.sleepers(1)
            var iterator = pages.makeAsyncIterator()
            _ = await iterator.next()
            clock.advance(by: .seconds(20))
            let freshness = try await first.value
            #expect(!freshness.isComplete && freshness.syncInProgress && freshness.indexed < 2_000)
            let notice = try #require(freshness.partialNotice)
            #expect(notice.contains("PARTIAL") && notice.contains("of 2,000"))
            await h.state.setLatency(.zero)
            // `refresh` joins the sync still running in the background and returns when it ends.
            _ = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            let final = try await h.index.freshness(username: H.username, list: .collection)
            #expect(final.isComplete && final.indexed == 2_000 && final.partialNotice == nil)
        }
    }
}

actor ProgressLog {
    private(set) var entries: [(Int, Int)] = []
    func append(_ done: Int, _ total: Int) { entries.append((done, total)) }
}

@Suite("Collection index background refresher")
struct CollectionIndexBackgroundTests {
    @Test("refreshStale refreshes only lists older than the interval, with the remembered credential")
    func refreshesStaleLists() async throws {
        try await IndexHarness.with(collection: 150) { h in
            _ = try await h.index.refresh(username: IndexHarness.username, list: .collection, credential: IndexHarness.credential)
            #expect(await h.index.refreshStale(olderThan: .seconds(3600)).isEmpty)
            let forgetful = h.restartedIndex()
            #expect(await forgetful.refreshStale(olderThan: .zero).isEmpty)  // no credential known since "restart"
            let reports = await h.index.refreshStale(olderThan: .zero)
            #expect(reports.count == 1 && reports.first?.kind == .incremental && reports.first?.requests == 2)
        }
    }
}
