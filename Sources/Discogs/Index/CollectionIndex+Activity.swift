import Foundation
import Storage

/// What changed in a user's lists as the index saw it: its own writes and what refreshes found.
///
/// The store records every change to an indexed row (see `collection_index_event`); the index labels
/// the ones its own writes caused and keeps the log bounded: `activityRetention` back, at most
/// `activityLimit` changes per user.
extension CollectionIndex {
    public static let activityRetentionDays = 180
    public static let activityLimit = 5_000

    /// A page of changes, newest first (no Discogs request).
    public func activity(_ query: IndexActivityQuery) async throws -> IndexActivityPage {
        try await store.activity(query)
    }

    /// Applies one of our own writes and marks the changes it caused as the server's.
    func applyLabelled(_ change: CollectionIndexChange) async throws {
        let mark = try await store.lastActivityID()
        try await applyThrowing(change)
        if let instanceID = change.instanceID {
            try await store.labelOwnActivity(username: change.username, instanceID: instanceID, after: mark)
        }
        try await pruneActivity(username: change.username)
    }

    func pruneActivity(username: String) async throws {
        try await store.pruneActivity(
            username: username,
            before: configuration.now() - Double(Self.activityRetentionDays * 86_400),
            keeping: Self.activityLimit
        )
    }
}

extension CollectionIndexChange {
    /// The row a change touches (a want's row is keyed by its release id); nil for folder changes.
    var instanceID: Int? {
        switch self {
        case .copyAdded(_, _, let instanceID, _), .copyRemoved(_, let instanceID), .copyEdited(_, let instanceID, _, _),
            .fieldEdited(_, let instanceID, _, _):
            instanceID
        case .wantAdded(_, let releaseID, _, _, _), .wantRemoved(_, let releaseID):
            releaseID
        case .folderSaved, .folderDeleted:
            nil
        }
    }
}
