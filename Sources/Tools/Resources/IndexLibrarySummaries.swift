import Discogs
import Foundation
import MCP

/// The collection and wantlist resources, answered from the local index.
///
/// Makes the list usable first (a first read syncs it, bounded like the tools' first read), then
/// summarises it without another Discogs request; a partial index says so instead of under-counting.
public struct IndexLibrarySummaries: LibrarySummaries {
    let index: CollectionIndex

    public init(index: CollectionIndex) {
        self.index = index
    }

    public func collectionSummary(for account: DiscogsAccount) async throws -> JSONValue {
        try await summary(for: account, list: .collection)
    }

    public func wantlistSummary(for account: DiscogsAccount) async throws -> JSONValue {
        try await summary(for: account, list: .wantlist)
    }

    private func summary(for account: DiscogsAccount, list: IndexedList) async throws -> JSONValue {
        let freshness = try await index.prepare(username: account.username, list: list, credential: account.credential)
        let stats = try await index.stats(username: account.username, list: list, top: 10)
        func buckets(_ values: [IndexStats.Bucket]) -> JSONValue {
            .array(values.map { ["value": .string($0.value), "count": .int(Int64($0.count))] })
        }
        var object: [String: JSONValue] = [
            "username": .string(account.username),
            "totalItems": .int(Int64(freshness.isComplete ? stats.total : max(stats.total, freshness.expected))),
            "indexedItems": .int(Int64(stats.total)),
            "uniqueReleases": .int(Int64(stats.uniqueReleases)),
            "complete": .bool(freshness.isComplete),
            "topGenres": buckets(stats.genres),
            "topStyles": buckets(stats.styles),
            "topArtists": buckets(stats.artists),
            "decades": buckets(stats.decades),
            "formats": buckets(stats.formats),
        ]
        if let refreshed = freshness.refreshedAt {
            object["refreshedAt"] = .string(refreshed.formatted(.iso8601))
        }
        if list == .collection {
            let folders = try await index.folders(username: account.username)
            object["folders"] = .array(folders.map { ["id": .int(Int64($0.id)), "name": .string($0.name), "count": .int(Int64($0.count))] })
        }
        if !freshness.isComplete {
            object["note"] = .string(
                "PARTIAL: \(stats.total) of \(Wording.count(freshness.expected, "item")) indexed so far; the sync continues in the background. Read again shortly for the full figures."
            )
        }
        return .object(object)
    }
}
