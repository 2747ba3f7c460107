import Storage

/// The full sync: every page of folder 0 (or the wantlist), newest first, 100 at a time, no cap.
///
/// Each page is written in one transaction together with the page to continue from, so a sync
/// stopped by an error, a cancellation or a restart resumes there instead of starting over. Rows
/// are stamped with the sync's generation; when the last page is in, rows an earlier generation
/// wrote and this one never saw are gone upstream and are deleted.
extension CollectionIndex {
    func fullSync(_ key: ListKey, credential: DiscogsCredential, restart: Bool) async throws -> CollectionSyncReport {
        var state = try await store.syncState(username: key.username, list: key.list) ?? IndexSyncState(username: key.username, list: key.list)
        let resumed = !restart && state.nextPage != nil
        if !resumed {
            state.generation += 1
            state.nextPage = 1
        }
        state.lastError = nil
        try await store.saveSyncState(state)
        if key.list == .collection, let all = try await fetchFolders(key, credential: credential).first(where: { $0.id == 0 }) {
            // The total is known before the first page, so a partial answer can say "of N" at once.
            state.remoteTotal = all.count
            try await store.saveSyncState(state)
        }
        let known = try await store.instanceIDs(username: key.username, list: key.list)
        var page = state.nextPage ?? 1
        var synced = 0
        var added = 0
        while true {
            try Task.checkCancellation()
            let (items, pagination) = try await fetchPage(key, page: page, credential: credential)
            added += items.reduce(0) { $0 + (known.contains($1.instanceID) ? 0 : 1) }
            state.remoteTotal = pagination.items
            state.nextPage = page + 1
            try await store.upsert(items, username: key.username, list: key.list, generation: state.generation, state: state)
            synced += items.count
            await reportProgress(key, done: min(page * configuration.perPage, pagination.items), total: pagination.items)
            if page >= pagination.pages || items.isEmpty { break }
            page += 1
        }
        let removed = try await store.removeUnseen(username: key.username, list: key.list, generation: state.generation)
        let now = configuration.now()
        state.nextPage = nil
        state.hasCompleted = true
        state.fullSyncedAt = now
        state.refreshedAt = now
        state.lastError = nil
        try await store.saveSyncState(state)
        let indexed = try await store.count(username: key.username, list: key.list)
        return CollectionSyncReport(
            username: key.username,
            list: key.list,
            kind: .full,
            itemsSynced: synced,
            added: added,
            removed: removed,
            resumed: resumed,
            remoteTotal: state.remoteTotal,
            indexedTotal: indexed
        )
    }
}
