import Discogs
import DiscogsSandbox
import Foundation
import Storage
import Testing

@Suite("Collection index: wants and folders from our own writes")
struct CollectionIndexWantTests {
    typealias H = IndexHarness

    @Test("a new want carries the notes, rating and details Discogs answered, with no upstream call")
    func newWantKeepsNotesAndRating() async throws {
        try await H.with(collection: 20, wantlist: 5) { h in
            _ = try await h.index.refresh(username: H.username, list: .wantlist, credential: H.credential)
            let wanted = Set((await h.state.data.wants[H.username] ?? []).map(\.releaseID))
            let releaseID = try #require(await h.state.data.releases.keys.sorted().first { !wanted.contains($0) })
            let title = try #require(await h.release(releaseID)?.title)
            #expect(await h.index.isWanted(username: H.username, releaseID: releaseID) == false)
            let listed = IndexedItem(instanceID: releaseID, releaseID: releaseID, artistDisplay: "Someone", title: title)
            await h.state.resetCounters()
            await h.index.apply(.wantAdded(username: H.username, releaseID: releaseID, notes: "any pressing", rating: 4, listed: listed))
            #expect(await h.state.totalRequests == 0)
            let item = try #require(try await h.store.item(username: H.username, list: .wantlist, instanceID: releaseID))
            #expect(item.notes == "any pressing" && item.rating == 4 && item.title == title && !item.isPlaceholder)
            #expect(try await h.index.freshness(username: H.username, list: .wantlist).expected == 6)
            #expect(await h.index.isWanted(username: H.username, releaseID: releaseID) == true)
        }
    }

    @Test("wanting an indexed release again updates it in place: same total, new notes and rating")
    func existingWantIsUpdated() async throws {
        try await H.with(collection: 20, wantlist: 5) { h in
            _ = try await h.index.refresh(username: H.username, list: .wantlist, credential: H.credential)
            let want = try #require(await h.state.data.wants[H.username]?.first)
            let before = try #require(try await h.store.item(username: H.username, list: .wantlist, instanceID: want.releaseID))
            await h.index.apply(.wantAdded(username: H.username, releaseID: want.releaseID, notes: "only the first press", rating: 2, listed: nil))
            let after = try #require(try await h.store.item(username: H.username, list: .wantlist, instanceID: want.releaseID))
            #expect(after.notes == "only the first press" && after.rating == 2)
            #expect(after.title == before.title && after.dateAdded == before.dateAdded)
            #expect(try await h.store.count(username: H.username, list: .wantlist) == 5)
            #expect(try await h.index.freshness(username: H.username, list: .wantlist).expected == 5)
            let found = try await h.index.search(IndexQuery(username: H.username, list: .wantlist, text: "first press"))
            #expect(found.items.map(\.releaseID) == [want.releaseID])
        }
    }

    @Test("isWanted does not guess before the wantlist is indexed")
    func unknownBeforeSync() async throws {
        try await H.with(collection: 5, wantlist: 5) { h in
            let want = try #require(await h.state.data.wants[H.username]?.first)
            #expect(await h.index.isWanted(username: H.username, releaseID: want.releaseID) == nil)
        }
    }

    @Test("created, renamed and deleted folders are named in stats at once")
    func folderNames() async throws {
        try await H.with(collection: 30, wantlist: 0) { h in
            _ = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            let copy = try #require(await h.copies().first)
            await h.index.apply(.folderSaved(username: H.username, folderID: 777, name: "Crate"))
            await h.index.apply(.copyEdited(username: H.username, instanceID: copy.instanceID, rating: nil, folderID: 777))
            await h.index.apply(.folderSaved(username: H.username, folderID: 777, name: "Shelf"))
            let stats = try await h.index.stats(username: H.username, list: .collection)
            #expect(stats.folders.contains(IndexStats.Bucket(value: "Shelf", count: 1)))
            await h.index.apply(.copyEdited(username: H.username, instanceID: copy.instanceID, rating: nil, folderID: 1))
            await h.index.apply(.folderDeleted(username: H.username, folderID: 777))
            #expect(try await h.store.folders(username: H.username).contains { $0.id == 777 } == false)
        }
    }
}
