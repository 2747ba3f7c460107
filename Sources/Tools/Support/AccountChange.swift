/// A change a tool made to a user's Discogs data, so local copies (the collection index) can
/// follow without re-reading Discogs.
public enum AccountChange: Sendable, Hashable {
    case collectionAdded(username: String, releaseID: Int, instanceID: Int, folderID: Int)
    case collectionRemoved(username: String, releaseID: Int, instanceID: Int)
    /// A copy was rated and/or moved; nil means unchanged.
    case collectionEdited(username: String, releaseID: Int, instanceID: Int, rating: Int?, folderID: Int?)
    case collectionFieldEdited(username: String, releaseID: Int, instanceID: Int, fieldID: Int, value: String)
    /// Folders were created, renamed or deleted.
    case foldersChanged(username: String)
    case wantlistAdded(username: String, releaseID: Int)
    case wantlistRemoved(username: String, releaseID: Int)
}

/// Told about every change a tool makes; the collection index is the production listener.
public protocol AccountChangeListener: Sendable {
    func accountChanged(_ change: AccountChange) async
}

/// Ignores changes (servers and tests without an index).
public struct IgnoreAccountChanges: AccountChangeListener {
    public init() {}
    public func accountChanged(_ change: AccountChange) async {}
}
