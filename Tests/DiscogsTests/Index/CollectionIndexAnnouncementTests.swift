import Discogs
import DiscogsSandbox
import Foundation
import Storage
import Testing

/// Records the (username, list) pairs the index announces as changed.
actor Announcements {
    private(set) var heard: [String] = []
    func add(_ username: String, _ list: IndexedList) { heard.append("\(username)/\(list.rawValue)") }
    func clear() { heard = [] }
}

@Suite("Collection index change announcements")
struct CollectionIndexAnnouncementTests {
    typealias H = IndexHarness

    @Test("own writes announce their list; a refresh announces only when it found a change")
    func announcements() async throws {
        try await H.with(collection: 150, wantlist: 10) { h in
            let heard = Announcements()
            await h.index.setChangeHandler { username, list in await heard.add(username, list) }
            _ = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            _ = try await h.index.refresh(username: H.username, list: .wantlist, credential: H.credential)
            // The first full syncs filled empty lists: that is a change.
            #expect(await heard.heard == ["\(H.username)/collection", "\(H.username)/wantlist"])
            await heard.clear()

            let unchanged = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            #expect(unchanged.kind == .incremental && unchanged.added == 0)
            _ = try await h.index.refresh(username: H.username, list: .wantlist, credential: H.credential)
            #expect(await heard.heard == [], "a refresh that found nothing announces nothing")

            let owned = Set(await h.copies().map(\.releaseID))
            let releaseID = try #require(await h.state.data.releases.keys.sorted().first { !owned.contains($0) })
            _ = try await h.client.addToCollection(username: H.username, releaseID: releaseID, folderID: 1, as: H.credential)
            _ = try await h.index.refresh(username: H.username, list: .wantlist, credential: H.credential)
            #expect(await heard.heard == [], "the other list's refresh found nothing")
            let changed = try await h.index.refresh(username: H.username, list: .collection, credential: H.credential)
            #expect(changed.added == 1)
            #expect(await heard.heard == ["\(H.username)/collection"])
            await heard.clear()

            let copy = try #require(await h.copies().first)
            await h.index.apply(.copyEdited(username: H.username.uppercased(), instanceID: copy.instanceID, rating: 4, folderID: nil))
            await h.index.apply(.folderSaved(username: H.username, folderID: 9, name: "Crate"))
            await h.index.apply(.wantAdded(username: H.username, releaseID: releaseID, notes: nil, rating: nil, listed: nil))
            await h.index.apply(.wantRemoved(username: H.username, releaseID: releaseID))
            #expect(
                await heard.heard == ["\(H.username)/collection", "\(H.username)/collection", "\(H.username)/wantlist", "\(H.username)/wantlist"],
                "usernames are announced lowercased, as subscriptions are filed"
            )
        }
    }
}
