import Foundation
import MCP

/// The Discogs tool catalog: database, collection writes, wantlist, marketplace, people and lists, images.
///
/// One entry point so the composition root registers the whole catalog in one line; each tool carries
/// its own scope (read, write, marketplace), so the registry shows a caller only what its grant allows.
/// The local-index tools (search_collection, get_collection_stats, refresh_collection, get_wantlist,
/// get_recommendations) are registered separately.
public enum DiscogsTools {
    /// - Parameter imageByteLimit: the largest image `fetch_image` returns (default 1 MiB).
    public static func all(environment: DiscogsToolEnvironment, imageByteLimit: Int = 1 << 20) -> [any Tool] {
        DatabaseTools.all(environment)
            + CollectionWriteTools.all(environment)
            + WantlistTools.all(environment)
            + MarketplaceTools.all(environment)
            + PeopleTools.all(environment)
            + [ImageTools.fetchImage(environment, byteLimit: imageByteLimit)]
    }
}
