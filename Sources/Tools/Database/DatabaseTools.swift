import Foundation
import MCP

/// The public Discogs database: search, releases, masters and their versions, artists, labels, ratings.
enum DatabaseTools {
    static func all(_ environment: DiscogsToolEnvironment) -> [any Tool] {
        [
            searchDatabase(environment), getRelease(environment), getMaster(environment), getMasterVersions(environment),
            getArtist(environment), getArtistReleases(environment), getLabel(environment), getLabelReleases(environment),
            getReleaseRating(environment), comparePressings(environment),
        ]
    }
}
