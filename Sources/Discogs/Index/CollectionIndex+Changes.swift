import Storage

/// A change this server made to a user's Discogs data, applied to the index without asking Discogs.
public enum CollectionIndexChange: Sendable, Hashable {
    case copyAdded(username: String, releaseID: Int, instanceID: Int, folderID: Int)
    case copyRemoved(username: String, instanceID: Int)
    /// nil means unchanged.
    case copyEdited(username: String, instanceID: Int, rating: Int?, folderID: Int?)
    case fieldEdited(username: String, instanceID: Int, fieldID: Int, value: String)
    /// A folder was created or renamed: its name, so stats and answers name it at once.
    case folderSaved(username: String, folderID: Int, name: String)
    case folderDeleted(username: String, folderID: Int)
    /// A release was wanted (or a want updated): `notes` and `rating` as Discogs answered (nil:
    /// unchanged), and `listed`, the want as Discogs lists it when the answer carried its details.
    case wantAdded(username: String, releaseID: Int, notes: String?, rating: Int?, listed: IndexedItem?)
    case wantRemoved(username: String, releaseID: Int)
}

extension CollectionIndex {
    /// Applies one of our own writes, so the next read shows it with zero upstream calls.
    ///
    /// A new copy borrows the release's details from another row that knows them (a second copy, or
    /// the want it came from); otherwise it is a placeholder (release id only) until the next refresh,
    /// which reads the newest page and so fills it in. If applying fails, the list is marked stale so
    /// the next read refreshes it from Discogs instead of serving a wrong answer.
    public func apply(_ change: CollectionIndexChange) async {
        do {
            try await applyLabelled(change)
        } catch {
            for list in IndexedList.allCases {
                guard var state = try? await store.syncState(username: change.username, list: list) else { continue }
                state.refreshedAt = 0
                state.lastError = "a local update failed (\(error)); the next read refreshes from Discogs"
                try? await store.saveSyncState(state)
            }
        }
        // Discogs changed either way: subscribers refetch (a failed update marked the list stale).
        await announce(username: change.username, list: change.list)
    }

    func applyThrowing(_ change: CollectionIndexChange) async throws {
        switch change {
        case .copyAdded(let username, let releaseID, let instanceID, let folderID):
            try await insert(username: username, list: .collection, releaseID: releaseID, instanceID: instanceID, folderID: folderID)
        case .copyRemoved(let username, let instanceID):
            let removed = try await store.removeItems(username: username, list: .collection, instanceIDs: [instanceID])
            try await adjustTotal(username: username, list: .collection, by: -removed)
        case .copyEdited(let username, let instanceID, let rating, let folderID):
            _ = try await store.updateCopy(username: username, instanceID: instanceID, rating: rating.map { min(max($0, 0), 5) }, folderID: folderID)
        case .fieldEdited(let username, let instanceID, let fieldID, let value):
            _ = try await store.setFieldValue(username: username, instanceID: instanceID, fieldID: fieldID, value: value)
        case .folderSaved(let username, let folderID, let name):
            var folders = try await store.folders(username: username)
            if let index = folders.firstIndex(where: { $0.id == folderID }) {
                folders[index].name = name
            } else {
                folders.append(IndexedFolder(id: folderID, name: name, count: 0))
            }
            try await store.saveFolders(username: username, folders)
        case .folderDeleted(let username, let folderID):
            // Only an empty folder can be deleted, so no copy moves.
            try await store.saveFolders(username: username, try await store.folders(username: username).filter { $0.id != folderID })
        case .wantAdded(let username, let releaseID, let notes, let rating, let listed):
            try await want(username: username, releaseID: releaseID, notes: notes, rating: rating, listed: listed)
        case .wantRemoved(let username, let releaseID):
            let removed = try await store.removeItems(username: username, list: .wantlist, instanceIDs: [releaseID])
            try await adjustTotal(username: username, list: .wantlist, by: -removed)
        }
    }

    /// Adds the want, or updates the one already indexed, with the notes and rating Discogs keeps.
    private func want(username: String, releaseID: Int, notes: String?, rating: Int?, listed: IndexedItem?) async throws {
        guard let state = try await store.syncState(username: username, list: .wantlist) else { return }
        let existing = try await store.item(username: username, list: .wantlist, instanceID: releaseID)
        var item: IndexedItem
        if let existing, !existing.isPlaceholder || listed == nil {
            item = existing
        } else if var listed {
            listed.dateAdded = existing?.dateAdded ?? listed.dateAdded ?? configuration.now()
            item = listed
        } else {
            item =
                try await store.knownRelease(username: username, releaseID: releaseID)
                ?? IndexedItem(instanceID: releaseID, releaseID: releaseID, title: "Release \(releaseID)", isPlaceholder: true)
            item.instanceID = releaseID
            item.folderID = nil
            item.rating = 0
            item.dateAdded = configuration.now()
            item.fieldValues = [:]
            item.notes = ""
        }
        if let notes { item.notes = notes }
        if let rating { item.rating = min(max(rating, 0), 5) }
        try await store.upsert([item], username: username, list: .wantlist, generation: state.generation, state: nil)
        if existing == nil { try await adjustTotal(username: username, list: .wantlist, by: 1) }
    }

    /// Whether `releaseID` is on the user's wantlist as far as a complete index knows; nil when the
    /// wantlist is not (completely) indexed.
    public func isWanted(username: String, releaseID: Int) async -> Bool? {
        guard let state = try? await store.syncState(username: username, list: .wantlist), state.hasCompleted else { return nil }
        return (try? await store.item(username: username, list: .wantlist, instanceID: releaseID)) != nil
    }

    private func insert(username: String, list: IndexedList, releaseID: Int, instanceID: Int, folderID: Int?) async throws {
        guard let state = try await store.syncState(username: username, list: list) else { return }
        guard try await store.item(username: username, list: list, instanceID: instanceID) == nil else { return }
        if list == .collection, let copy = await readCopy(username: username, releaseID: releaseID, instanceID: instanceID) {
            try await store.upsert([copy], username: username, list: list, generation: state.generation, state: nil)
            try await adjustTotal(username: username, list: list, by: 1)
            return
        }
        var item =
            try await store.knownRelease(username: username, releaseID: releaseID)
            ?? IndexedItem(instanceID: instanceID, releaseID: releaseID, title: "Release \(releaseID)", isPlaceholder: true)
        item.instanceID = instanceID
        item.folderID = folderID
        item.rating = 0
        item.dateAdded = configuration.now()
        item.fieldValues = [:]
        item.notes = ""
        try await store.upsert([item], username: username, list: list, generation: state.generation, state: nil)
        try await adjustTotal(username: username, list: list, by: 1)
    }

    /// The new copy as Discogs lists it (one request), so a release the index has never seen is
    /// searchable by artist, title and label right away instead of as a "Release 123" placeholder.
    /// Only when the index knows the user's credential and the release is not already indexed; any
    /// failure falls back to the placeholder, which the next refresh fills in.
    private func readCopy(username: String, releaseID: Int, instanceID: Int) async -> IndexedItem? {
        guard (try? await store.knownRelease(username: username, releaseID: releaseID)) == nil,
            let credential = await credential(for: username),
            let copies = try? await api.collectionInstances(username: username, releaseID: releaseID, as: credential).items,
            let copy = copies.first(where: { $0.instanceId == instanceID })
        else { return nil }
        return IndexedItem(copy)
    }

    private func adjustTotal(username: String, list: IndexedList, by delta: Int) async throws {
        guard delta != 0, var state = try await store.syncState(username: username, list: list) else { return }
        state.remoteTotal = max(0, state.remoteTotal + delta)
        try await store.saveSyncState(state)
    }
}

extension CollectionIndexChange {
    var username: String {
        switch self {
        case .copyAdded(let username, _, _, _), .copyRemoved(let username, _), .copyEdited(let username, _, _, _),
            .fieldEdited(let username, _, _, _), .folderSaved(let username, _, _), .folderDeleted(let username, _),
            .wantAdded(let username, _, _, _, _), .wantRemoved(let username, _):
            username
        }
    }
}
