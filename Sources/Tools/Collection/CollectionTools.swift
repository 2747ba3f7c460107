import Discogs
import MCP

/// The index-backed tools and the change listener the write tools feed.
public enum CollectionTools {
    /// search_collection, get_collection_stats, get_wantlist, refresh_collection, get_recommendations, and the two that
    /// weigh Discogs data against the index: rank_pressings and find_collection_gaps; get_recent_activity reads the index's change log; compare_collections sets the index against another user's collection.
    public static func all(environment: DiscogsToolEnvironment, index: CollectionIndex) -> [any Tool] {
        [
            SearchCollectionTool(environment: environment, index: index),
            GetCollectionStatsTool(environment: environment, index: index),
            GetWantlistTool(environment: environment, index: index),
            RefreshCollectionTool(environment: environment, index: index),
            GetRecommendationsTool(environment: environment, index: index),
            RankPressingsTool(environment: environment, index: index),
            FindCollectionGapsTool(environment: environment, index: index),
            GetRecentActivityTool(environment: environment, index: index),
            CompareCollectionsTool(environment: environment, index: index),
        ]
    }
}

/// Applies the write tools' `AccountChange`s to the index: pass it as `DiscogsToolEnvironment.changes`.
public struct CollectionIndexChangeListener: AccountChangeListener {
    let index: CollectionIndex

    public init(index: CollectionIndex) {
        self.index = index
    }

    public func accountChanged(_ change: AccountChange) async {
        await index.apply(Self.indexChange(change))
    }

    public func isWanted(username: String, releaseID: Int) async -> Bool? {
        await index.isWanted(username: username, releaseID: releaseID)
    }

    static func indexChange(_ change: AccountChange) -> CollectionIndexChange {
        switch change {
        case .collectionAdded(let username, let releaseID, let instanceID, let folderID):
            .copyAdded(username: username, releaseID: releaseID, instanceID: instanceID, folderID: folderID)
        case .collectionRemoved(let username, _, let instanceID):
            .copyRemoved(username: username, instanceID: instanceID)
        case .collectionEdited(let username, _, let instanceID, let rating, let folderID):
            .copyEdited(username: username, instanceID: instanceID, rating: rating, folderID: folderID)
        case .collectionFieldEdited(let username, _, let instanceID, let fieldID, let value):
            .fieldEdited(username: username, instanceID: instanceID, fieldID: fieldID, value: value)
        case .folderSaved(let username, let folderID, let name):
            .folderSaved(username: username, folderID: folderID, name: name)
        case .folderDeleted(let username, let folderID):
            .folderDeleted(username: username, folderID: folderID)
        case .wantlistAdded(let username, let releaseID, let want):
            .wantAdded(username: username, releaseID: releaseID, notes: want?.notes, rating: want?.rating, listed: want.flatMap(IndexedItem.init))
        case .wantlistRemoved(let username, let releaseID):
            .wantRemoved(username: username, releaseID: releaseID)
        }
    }
}
