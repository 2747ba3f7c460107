import Storage

/// The incremental refresh: what changed since the last look, for two or three requests.
///
/// Collection: the folder list (one request: every folder's count) and the newest page of folder 0
/// sorted by date added (one request). Items on that page we do not know are additions; if the
/// whole page is new the next page is read too (up to `maxNewItemPages`, then a full sync is
/// cheaper). The newest page is rewritten, which also picks up recent edits and fills in rows our
/// own writes created. Then counts must reconcile: total and per folder. When they do not (a
/// removal, or a move made on discogs.com), only the folders whose counts differ are re-read and
/// their vanished copies deleted; if that would cost more pages than a full sync, a full sync runs.
///
/// Limits: an edit made on discogs.com to an older copy (rating, notes) changes no count and is
/// not on the newest page, so it waits for the periodic full sweep (`fullSweepInterval`); an
/// addition and a removal in the same folder between two refreshes cancel out in the counts and
/// the removal likewise waits for the sweep. Edits made through this server apply immediately.
///
/// Wantlist: Discogs reports no counts separately, so the newest page (one request) gives both the
/// total and the additions; a total that still does not reconcile re-reads the wantlist in full.
extension CollectionIndex {
    func incrementalRefresh(_ key: ListKey, credential: DiscogsCredential) async throws -> CollectionSyncReport {
        guard var state = try await store.syncState(username: key.username, list: key.list), state.hasCompleted else {
            return try await fullSync(key, credential: credential, restart: false)
        }
        if let last = state.fullSyncedAt, configuration.now() - last > configuration.fullSweepInterval.seconds {
            return try await fullSync(key, credential: credential, restart: true)
        }
        let folders = key.list == .collection ? try await fetchFolders(key, credential: credential) : []
        let known = try await store.instanceIDs(username: key.username, list: key.list)
        var added = 0
        var synced = 0
        var page = 1
        var remoteTotal = 0
        while true {
            let (items, pagination) = try await fetchPage(key, page: page, credential: credential)
            remoteTotal = pagination.items
            let fresh = items.reduce(0) { $0 + (known.contains($1.instanceID) ? 0 : 1) }
            added += fresh
            synced += items.count
            try await store.upsert(items, username: key.username, list: key.list, generation: state.generation, state: nil)
            guard fresh == items.count, !items.isEmpty, page < pagination.pages else { break }
            guard page < configuration.maxNewItemPages else { return try await fullSync(key, credential: credential, restart: true) }
            page += 1
        }
        if let all = folders.first(where: { $0.id == 0 }) { remoteTotal = all.count }
        var removed = 0
        var widened = false
        let countsMatch = try await store.count(username: key.username, list: key.list) == remoteTotal
        let foldersMatch = try await foldersReconcile(key, folders)
        if !countsMatch || !foldersMatch {
            widened = true
            switch key.list {
            case .wantlist:
                return try await fullSync(key, credential: credential, restart: true)
            case .collection:
                guard let outcome = try await reconcileFolders(key, folders, credential: credential) else {
                    return try await fullSync(key, credential: credential, restart: true)
                }
                removed = outcome.removed
                synced += outcome.synced
            }
        }
        state = try await store.syncState(username: key.username, list: key.list) ?? state
        state.remoteTotal = remoteTotal
        state.refreshedAt = configuration.now()
        state.lastError = nil
        try await store.saveSyncState(state)
        let indexed = try await store.count(username: key.username, list: key.list)
        return CollectionSyncReport(
            username: key.username,
            list: key.list,
            kind: .incremental,
            itemsSynced: synced,
            added: added,
            removed: removed,
            widened: widened,
            remoteTotal: remoteTotal,
            indexedTotal: indexed
        )
    }

    /// Whether every folder's indexed count matches Discogs' (folder 0 aside).
    func foldersReconcile(_ key: ListKey, _ folders: [IndexedFolder]) async throws -> Bool {
        guard key.list == .collection else { return true }
        let local = try await store.folderCounts(username: key.username)
        let remote = Dictionary(folders.filter { $0.id != 0 }.map { ($0.id, $0.count) }) { first, _ in first }
        return Set(local.keys).union(remote.keys).allSatisfy { (local[$0] ?? 0) == (remote[$0] ?? 0) }
    }

    /// Re-reads the folders whose counts differ and deletes their vanished copies; nil when that
    /// would take more pages than a full sync.
    func reconcileFolders(_ key: ListKey, _ folders: [IndexedFolder], credential: DiscogsCredential) async throws -> (removed: Int, synced: Int)? {
        let local = try await store.folderCounts(username: key.username)
        let remote = Dictionary(folders.filter { $0.id != 0 }.map { ($0.id, $0.count) }) { first, _ in first }
        let differing = Set(local.keys).union(remote.keys).filter { (local[$0] ?? 0) != (remote[$0] ?? 0) }.sorted()
        let perPage = configuration.perPage
        let pagesNeeded = differing.reduce(0) { $0 + ((remote[$1] ?? 0) + perPage - 1) / perPage }
        let pagesForFull = ((folders.first { $0.id == 0 }?.count ?? 0) + perPage - 1) / perPage
        guard pagesNeeded < pagesForFull else { return nil }
        var seen: [Int: Set<Int>] = [:]
        var synced = 0
        let generation = try await store.syncState(username: key.username, list: key.list)?.generation ?? 0
        for folder in differing where (remote[folder] ?? 0) > 0 {
            var page = 1
            while true {
                let (items, pagination) = try await fetchPage(key, page: page, folderID: folder, credential: credential)
                try await store.upsert(items, username: key.username, list: key.list, generation: generation, state: nil)
                seen[folder, default: []].formUnion(items.map(\.instanceID))
                synced += items.count
                if page >= pagination.pages || items.isEmpty { break }
                page += 1
            }
        }
        var removed = 0
        for folder in differing {
            removed += try await store.removeFolderItems(username: key.username, folderID: folder, keeping: seen[folder] ?? [])
        }
        return (removed, synced)
    }
}
