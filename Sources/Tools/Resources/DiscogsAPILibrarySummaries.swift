import Discogs
import MCP

/// Collection and wantlist summaries straight from the Discogs API: three or four cached calls.
///
/// Folder counts and the value estimate come from `/collection/folders` and `/collection/value`;
/// the wantlist total from the pagination of its first page, whose items are included as a sample.
public struct DiscogsAPILibrarySummaries: LibrarySummaries {
    public let api: any DiscogsAPI
    /// How many wantlist items the summary shows (Discogs' first page, at most 100).
    public let wantlistSample: Int

    public init(api: any DiscogsAPI, wantlistSample: Int = 10) {
        self.api = api
        self.wantlistSample = min(max(wantlistSample, 1), 100)
    }

    public func collectionSummary(for account: DiscogsAccount) async throws -> JSONValue {
        let folders = try await api.collectionFolders(username: account.username, as: account.credential)
        // Folder 0 ("All") holds every copy; sum the others if Discogs ever leaves it out.
        let total = folders.first(where: { $0.id == 0 })?.count ?? folders.filter { $0.id != 0 }.reduce(0) { $0 + $1.count }
        var summary: [String: JSONValue] = [
            "username": .string(account.username),
            "totalItems": .int(Int64(total)),
            "folders": .array(
                folders.map { ["id": .int(Int64($0.id)), "name": .string($0.name), "count": .int(Int64($0.count))] }
            ),
            "source": "discogs-api",
        ]
        // The estimate is a nice-to-have: report why it is missing instead of failing the summary.
        do {
            let value = try await api.collectionValue(username: account.username, as: account.credential)
            summary["value"] = ["minimum": .string(value.minimum), "median": .string(value.median), "maximum": .string(value.maximum)]
        } catch let error as DiscogsError {
            summary["value"] = .null
            summary["valueUnavailable"] = .string(error.description)
        }
        return .object(summary)
    }

    public func wantlistSummary(for account: DiscogsAccount) async throws -> JSONValue {
        let page = try await api.wantlist(username: account.username, page: 1, perPage: wantlistSample, as: account.credential)
        let sample: [JSONValue] = page.items.prefix(wantlistSample).map { want in
            var item: [String: JSONValue] = ["releaseId": .int(Int64(want.id))]
            if let info = want.basicInformation {
                item["title"] = .string(info.title)
                item["artists"] = .array((info.artists ?? []).map { .string($0.name) })
                if let year = info.year?.value, year > 0 { item["year"] = .int(Int64(year)) }
            }
            if let added = want.dateAdded { item["dateAdded"] = .string(added) }
            return .object(item)
        }
        return [
            "username": .string(account.username),
            "totalItems": .int(Int64(page.pagination.items)),
            "firstItems": .array(sample),
            "source": "discogs-api",
        ]
    }
}
