/// Persistence for the collection and wantlist index, one aggregate per Discogs username.
///
/// A protocol so a PostgreSQL store can follow; the SQLite one keeps text search in FTS5.
/// Usernames are compared lowercased (Discogs treats them case-insensitively in URLs).
public protocol CollectionIndexStore: Sendable {
    func syncState(username: String, list: IndexedList) async throws -> IndexSyncState?
    func saveSyncState(_ state: IndexSyncState) async throws
    /// Every list's bookkeeping, for the background refresher.
    func allSyncStates() async throws -> [IndexSyncState]

    /// Inserts or updates rows (keyed by instance id), stamps them with `generation`, and saves
    /// `state` in the same transaction, so a crash never separates a page from its bookmark.
    func upsert(_ items: [IndexedItem], username: String, list: IndexedList, generation: Int, state: IndexSyncState?) async throws
    /// Deletes rows a full sync of `generation` never touched (gone upstream); returns how many.
    func removeUnseen(username: String, list: IndexedList, generation: Int) async throws -> Int
    func removeItems(username: String, list: IndexedList, instanceIDs: [Int]) async throws -> Int
    /// Deletes the copies in `folderID` whose instance ids are not in `keeping`; returns how many.
    func removeFolderItems(username: String, folderID: Int, keeping: Set<Int>) async throws -> Int

    func count(username: String, list: IndexedList) async throws -> Int
    func instanceIDs(username: String, list: IndexedList) async throws -> Set<Int>
    /// Copies per folder id, as indexed.
    func folderCounts(username: String) async throws -> [Int: Int]
    func item(username: String, list: IndexedList, instanceID: Int) async throws -> IndexedItem?
    /// Any fully known row for `releaseID` in either list, to describe a release we just added.
    func knownRelease(username: String, releaseID: Int) async throws -> IndexedItem?
    /// Rates and/or moves a copy; false when it is not indexed.
    func updateCopy(username: String, instanceID: Int, rating: Int?, folderID: Int?) async throws -> Bool
    func setFieldValue(username: String, instanceID: Int, fieldID: Int, value: String) async throws -> Bool

    func saveFolders(username: String, _ folders: [IndexedFolder]) async throws
    func folders(username: String) async throws -> [IndexedFolder]

    func search(_ query: IndexQuery) async throws -> IndexPage
    func stats(username: String, list: IndexedList, top: Int) async throws -> IndexStats
    /// Distinct values of the named facets (artist, label, genre, style, format) starting with
    /// `prefix`, case-insensitively, most frequent first.
    func facetValues(username: String, list: IndexedList, facets: [String], prefix: String, limit: Int) async throws -> IndexCompletions<String>
    /// Release ids in either list whose decimal form starts with `prefix` (digits only).
    func releaseIDs(username: String, prefix: String, limit: Int) async throws -> IndexCompletions<Int>

    /// The changes the index saw (written by the item table's triggers), newest first.
    func activity(_ query: IndexActivityQuery) async throws -> IndexActivityPage
    /// The newest change's id (0 when none), to label what follows.
    func lastActivityID() async throws -> Int64
    /// Marks the changes to `instanceID` recorded after `id` as made by this server.
    func labelOwnActivity(username: String, instanceID: Int, after id: Int64) async throws
    /// Deletes a user's changes older than `before` (seconds since 1970) and all but the newest `keeping`.
    func pruneActivity(username: String, before: Double, keeping: Int) async throws
}
