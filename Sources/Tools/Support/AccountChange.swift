import Discogs

/// A change a tool made to a user's Discogs data, so local copies (the collection index) can
/// follow without re-reading Discogs.
public enum AccountChange: Sendable, Hashable {
    case collectionAdded(username: String, releaseID: Int, instanceID: Int, folderID: Int)
    case collectionRemoved(username: String, releaseID: Int, instanceID: Int)
    /// A copy was rated and/or moved; nil means unchanged.
    case collectionEdited(username: String, releaseID: Int, instanceID: Int, rating: Int?, folderID: Int?)
    case collectionFieldEdited(username: String, releaseID: Int, instanceID: Int, fieldID: Int, value: String)
    /// A folder was created or renamed.
    case folderSaved(username: String, folderID: Int, name: String)
    case folderDeleted(username: String, folderID: Int)
    /// A want was added or updated; `want` is Discogs' answer (its notes and rating are what Discogs kept).
    case wantlistAdded(username: String, releaseID: Int, want: Want?)
    case wantlistRemoved(username: String, releaseID: Int)
}

/// Told about every change a tool makes; the collection index is the production listener.
public protocol AccountChangeListener: Sendable {
    func accountChanged(_ change: AccountChange) async
    /// Whether the release is already on the user's wantlist, as far as the listener knows for
    /// sure (nil: it does not know), so add_to_wantlist can say "already wanted" truthfully.
    func isWanted(username: String, releaseID: Int) async -> Bool?
}

extension AccountChangeListener {
    public func isWanted(username: String, releaseID: Int) async -> Bool? { nil }
}

/// Ignores changes (servers and tests without an index).
public struct IgnoreAccountChanges: AccountChangeListener {
    public init() {}
    public func accountChanged(_ change: AccountChange) async {}
}
