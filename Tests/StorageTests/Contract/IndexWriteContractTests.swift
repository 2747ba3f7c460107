import Foundation
import Storage
import Testing

/// The collection index store's writes and single-row reads, on both engines.
@Suite("Storage contract: collection index writes")
struct IndexWriteContractTests {
    static func copy(_ instance: Int, release: Int, folder: Int = 1, title: String = "Title", placeholder: Bool = false) -> IndexedItem {
        IndexedItem(
            instanceID: instance,
            releaseID: release,
            folderID: folder,
            rating: 1,
            dateAdded: Double(instance),
            artists: ["Artist"],
            artistDisplay: "Artist",
            title: title,
            labels: ["Label"],
            genres: ["Jazz"],
            styles: ["Hard Bop", "hard bop"],
            isPlaceholder: placeholder
        )
    }

    @Test("sync state: saved with a page in one call, read back, listed", arguments: StorageEngine.allCases)
    func syncState(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            #expect(try await store.syncState(username: "User", list: .collection) == nil)
            let state = IndexSyncState(
                username: "user",
                list: .collection,
                generation: 3,
                nextPage: 7,
                remoteTotal: 700,
                hasCompleted: false,
                fullSyncedAt: 1.5,
                refreshedAt: nil,
                lastError: "upstream 503"
            )
            try await store.upsert([Self.copy(1, release: 10)], username: "User", list: .collection, generation: 3, state: state)
            #expect(try await store.syncState(username: "USER", list: .collection) == state)
            var done = state
            done.nextPage = nil
            done.hasCompleted = true
            done.lastError = nil
            try await store.saveSyncState(done)
            try await store.saveSyncState(IndexSyncState(username: "user", list: .wantlist, generation: 1))
            #expect(try await store.allSyncStates() == [done, IndexSyncState(username: "user", list: .wantlist, generation: 1)])
            try await store.upsert(
                [],
                username: "user",
                list: .wantlist,
                generation: 2,
                state: IndexSyncState(username: "user", list: .wantlist, generation: 2)
            )
            #expect(try await store.syncState(username: "user", list: .wantlist)?.generation == 2)
        }
    }

    /// PostgreSQL refuses NUL in text and SQLite would cut the text at it: both store `IndexedItem.storable`.
    @Test("a text with NUL characters is stored with spaces and found by its later words", arguments: StorageEngine.allCases)
    func nulCharacters(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            let title = "Sigur R\u{F3}s \u{0}\u{0}\u{1D}tis byrjun 19"
            var item = Self.copy(1, release: 10, title: title)
            item.notes = "a\u{0}b"
            item.labels = ["L\u{0}abel"]
            try await store.upsert([item], username: "u", list: .collection, generation: 1, state: nil)
            for words in ["tis byrjun", "19", "b"] {
                #expect(try await store.search(IndexQuery(username: "u", text: words)).total == 1, "\(words)")
            }
            let stored = try #require(try await store.item(username: "u", list: .collection, instanceID: 1))
            #expect(stored.title == title.replacingOccurrences(of: "\u{0}", with: " "))
            #expect(stored.labels == ["L abel"])
        }
    }

    @Test("upsert, repeat in one batch, remove unseen, remove items, remove a folder's missing copies", arguments: StorageEngine.allCases)
    func writesAndRemovals(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            var withCountry = Self.copy(1, release: 10)
            withCountry.country = "UK"
            try await store.upsert(
                [withCountry, Self.copy(2, release: 20), Self.copy(3, release: 30, folder: 2)],
                username: "u",
                list: .collection,
                generation: 1,
                state: nil
            )
            try await store.upsert([Self.copy(9, release: 90)], username: "u", list: .wantlist, generation: 1, state: nil)
            // The same copy twice in a batch: the last wins. A row without a country keeps the known one.
            try await store.upsert(
                [Self.copy(1, release: 10, title: "First"), Self.copy(1, release: 10, title: "Second"), Self.copy(2, release: 20)],
                username: "u",
                list: .collection,
                generation: 2,
                state: nil
            )
            let first = try #require(try await store.item(username: "U", list: .collection, instanceID: 1))
            #expect(first.title == "Second" && first.country == "UK" && first.styles == ["Hard Bop", "hard bop"])
            #expect(try await store.search(IndexQuery(username: "u", text: "first")).total == 0)
            #expect(try await store.search(IndexQuery(username: "u", text: "second")).total == 1)
            #expect(try await store.search(IndexQuery(username: "u", styles: ["HARD BOP"])).total == 3, "facet keys once per item")
            #expect(try await store.count(username: "u", list: .collection) == 3)
            #expect(try await store.count(username: "u", list: .wantlist) == 1)
            #expect(try await store.folderCounts(username: "u") == [1: 2, 2: 1])
            #expect(try await store.removeUnseen(username: "u", list: .collection, generation: 2) == 1)
            #expect(try await store.instanceIDs(username: "u", list: .collection) == [1, 2])
            #expect(try await store.search(IndexQuery(username: "u", genres: ["jazz"])).total == 2, "facets of removed rows are gone")
            #expect(try await store.removeItems(username: "u", list: .collection, instanceIDs: [2, 77]) == 1)
            #expect(try await store.removeItems(username: "u", list: .collection, instanceIDs: []) == 0)
            try await store.upsert(
                [Self.copy(4, release: 40), Self.copy(5, release: 50)],
                username: "u",
                list: .collection,
                generation: 2,
                state: nil
            )
            #expect(try await store.removeFolderItems(username: "u", folderID: 1, keeping: [4]) == 2)
            #expect(try await store.instanceIDs(username: "u", list: .collection) == [4])
            #expect(try await store.count(username: "u", list: .wantlist) == 1)
        }
    }

    @Test("known releases skip placeholders; copies are rated, moved and given field values", arguments: StorageEngine.allCases)
    func edits(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            try await store.upsert(
                [Self.copy(1, release: 10, placeholder: true), Self.copy(2, release: 20)],
                username: "u",
                list: .collection,
                generation: 4,
                state: nil
            )
            #expect(try await store.knownRelease(username: "u", releaseID: 10) == nil)
            #expect(try await store.knownRelease(username: "u", releaseID: 20)?.instanceID == 2)
            #expect(try await store.updateCopy(username: "u", instanceID: 2, rating: 5, folderID: nil))
            #expect(try await store.updateCopy(username: "u", instanceID: 2, rating: nil, folderID: 3))
            #expect(try await store.updateCopy(username: "u", instanceID: 99, rating: 1, folderID: nil) == false)
            let moved = try #require(try await store.item(username: "u", list: .collection, instanceID: 2))
            #expect(moved.rating == 5 && moved.folderID == 3)
            #expect(try await store.setFieldValue(username: "u", instanceID: 2, fieldID: 3, value: "Mint sleeve"))
            #expect(try await store.setFieldValue(username: "u", instanceID: 2, fieldID: 1, value: "Near"))
            #expect(try await store.setFieldValue(username: "u", instanceID: 99, fieldID: 1, value: "x") == false)
            let noted = try #require(try await store.item(username: "u", list: .collection, instanceID: 2))
            #expect(noted.fieldValues == [1: "Near", 3: "Mint sleeve"] && noted.notes == "Near · Mint sleeve" && noted.rating == 5)
            #expect(try await store.search(IndexQuery(username: "u", text: "mint sleeve")).items.map(\.instanceID) == [2])
            #expect(try await store.removeUnseen(username: "u", list: .collection, generation: 4) == 0, "an edit keeps the sync generation")
        }
    }

    @Test("folders are replaced as a whole; completions by prefix, most frequent first", arguments: StorageEngine.allCases)
    func foldersAndCompletions(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            try await store.saveFolders(
                username: "U",
                [IndexedFolder(id: 1, name: "Uncategorized", count: 3), IndexedFolder(id: 0, name: "All", count: 3)]
            )
            try await store.saveFolders(
                username: "u",
                [IndexedFolder(id: 2, name: "Jazz shelf", count: 1), IndexedFolder(id: 0, name: "All", count: 4)]
            )
            #expect(
                try await store.folders(username: "u") == [
                    IndexedFolder(id: 0, name: "All", count: 4), IndexedFolder(id: 2, name: "Jazz shelf", count: 1),
                ]
            )
            try await IndexFixture.fill(store, IndexFixture.items(300), username: "u")
            let styles = try await store.facetValues(username: "u", list: .collection, facets: ["style"], prefix: "ha", limit: 5)
            #expect(styles.values == ["Hard Bop"] && styles.total == 1)
            let mixed = try await store.facetValues(username: "u", list: .collection, facets: ["genre", "style"], prefix: "", limit: 3)
            #expect(mixed.total == 18 && mixed.values.count == 3)
            #expect(try await store.facetValues(username: "u", list: .collection, facets: [], prefix: "", limit: 3).total == 0)
            let ids = try await store.releaseIDs(username: "u", prefix: "1001", limit: 4)
            #expect(ids.values == [10010, 10011, 10012, 10013] && ids.total == 10)
            #expect(try await store.releaseIDs(username: "u", prefix: "1x", limit: 4).total == 0)
            let stats = try await store.stats(username: "u", list: .collection, top: 3)
            #expect(stats.folders.contains(IndexStats.Bucket(value: "Jazz shelf", count: 60)))
        }
    }
}
