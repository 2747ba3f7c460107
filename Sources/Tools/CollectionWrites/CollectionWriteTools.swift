import Foundation
import MCP

/// The collection through the Discogs API: value, folders, adding/removing/moving/rating copies, custom fields.
///
/// Searching and summarising the collection is the local index's job (search_collection and friends);
/// these tools change Discogs and then tell the index what changed.
enum CollectionWriteTools {
    static func all(_ environment: DiscogsToolEnvironment) -> [any Tool] {
        [
            getCollectionValue(environment), listFolders(environment), createFolder(environment), renameFolder(environment),
            deleteFolder(environment), addToCollection(environment), removeFromCollection(environment), moveRelease(environment),
            rateRelease(environment), listCustomFields(environment), editCustomField(environment),
        ]
    }

    static let folderSchema = CatalogSchema.object(
        ["id": CatalogSchema.int, "name": CatalogSchema.string, "count": CatalogSchema.int],
        required: ["id", "name", "count"]
    )

    static let releaseID = CatalogSchema.id()
    static let instanceID = CatalogSchema.instanceID
}
