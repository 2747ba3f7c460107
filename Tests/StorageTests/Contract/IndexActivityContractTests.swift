import Foundation
import Storage
import TestSupport
import Testing

/// The index's change log as the item table's triggers write it: nothing while a list first fills,
/// one event per addition, removal, move and rating change after that, our own writes relabelled,
/// and retention by age and count.
/// On both engines (SQLite triggers, a PostgreSQL trigger function).
@Suite("Storage contract: index activity log", .removesTemporaryFolders)
struct IndexActivityContractTests {
    static let user = "Collector"

    static func copy(_ instance: Int, folder: Int = 1, rating: Int = 0) -> IndexedItem {
        IndexedItem(
            instanceID: instance,
            releaseID: 1000 + instance,
            folderID: folder,
            rating: rating,
            artistDisplay: "Artist \(instance)",
            title: "Title \(instance)"
        )
    }

    static func kinds(_ store: any CollectionIndexStore) async throws -> [String] {
        try await store.activity(IndexActivityQuery(username: Self.user, limit: 100)).events.reversed().map { "\($0.kind.rawValue) \($0.instanceID)" }
    }

    @Test("the first fill records nothing; later changes record one event each, in order", arguments: StorageEngine.allCases)
    func changesAfterTheFirstSync(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            var state = IndexSyncState(username: Self.user, list: .collection, generation: 1)
            try await store.upsert((1...3).map { Self.copy($0) }, username: Self.user, list: .collection, generation: 1, state: state)
            #expect(try await Self.kinds(store).isEmpty, "filling the index is not activity")
            state.hasCompleted = true
            try await store.saveSyncState(state)
            try await store.upsert(
                [Self.copy(4), Self.copy(2, folder: 5), Self.copy(3, rating: 4), Self.copy(1)],
                username: Self.user,
                list: .collection,
                generation: 1,
                state: nil
            )
            #expect(try await store.updateCopy(username: Self.user, instanceID: 3, rating: 4, folderID: nil), "same rating: no event")
            _ = try await store.removeItems(username: Self.user, list: .collection, instanceIDs: [1])
            #expect(try await Self.kinds(store) == ["added 4", "moved 2", "rated 3", "removed 1"])
            let page = try await store.activity(IndexActivityQuery(username: Self.user.uppercased(), kinds: [.moved, .rated], limit: 100))
            #expect(page.total == 2 && page.counts == [.added: 1, .moved: 1, .rated: 1, .removed: 1])
            let moved = try #require(page.events.first { $0.kind == .moved })
            #expect((moved.folderFrom, moved.folderTo, moved.title, moved.source) == (1, 5, "Title 2", .discogs))
        }
    }

    @Test("own writes are relabelled by instance; pruning keeps the newest and drops the old", arguments: StorageEngine.allCases)
    func labelsAndRetention(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            try await store.saveSyncState(IndexSyncState(username: Self.user, list: .collection, generation: 1, hasCompleted: true))
            let mark = try await store.lastActivityID()
            try await store.upsert((1...5).map { Self.copy($0) }, username: Self.user, list: .collection, generation: 1, state: nil)
            try await store.labelOwnActivity(username: Self.user, instanceID: 2, after: mark)
            let events = try await store.activity(IndexActivityQuery(username: Self.user, limit: 100)).events
            #expect(events.filter { $0.source == .server }.map(\.instanceID) == [2])
            try await store.pruneActivity(username: Self.user, before: 0, keeping: 3)
            #expect(try await Self.kinds(store) == ["added 3", "added 4", "added 5"])
            try await store.pruneActivity(username: Self.user, before: Date().timeIntervalSince1970 + 60, keeping: 100)
            #expect(try await Self.kinds(store).isEmpty)
        }
    }
}
