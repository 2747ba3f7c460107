import Storage

/// Announcing that a user's list changed, so subscribers of `discogs://collection` or
/// `discogs://wantlist` hear about it: after each of our own writes, and after a sync or refresh
/// that found additions or removals (or whose counts did not reconcile, which means something
/// changed). A refresh that found nothing new announces nothing.
extension CollectionIndex {
    /// Called with the (lowercased) username and the list whenever the list's content changed.
    public typealias ChangeHandler = @Sendable (String, IndexedList) async -> Void

    public func setChangeHandler(_ handler: ChangeHandler?) {
        changeHandler = handler
    }

    func announce(username: String, list: IndexedList) async {
        await changeHandler?(username.lowercased(), list)
    }

    /// Whether a completed sync or refresh changed what the index holds.
    static func foundChange(_ report: CollectionSyncReport) -> Bool {
        report.outcome == .completed && (report.added > 0 || report.removed > 0 || report.widened)
    }
}

extension CollectionIndexChange {
    /// The list the change touches: folders, copies and their fields belong to the collection.
    public var list: IndexedList {
        switch self {
        case .copyAdded, .copyRemoved, .copyEdited, .fieldEdited, .folderSaved, .folderDeleted: .collection
        case .wantAdded, .wantRemoved: .wantlist
        }
    }
}
