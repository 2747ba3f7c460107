import Discogs
import Foundation
import MCP

/// Aggregates over the whole collection (or wantlist): what it is made of and how it grew.
public struct GetCollectionStatsTool: Tool {
    let environment: DiscogsToolEnvironment
    let index: CollectionIndex

    public init(environment: DiscogsToolEnvironment, index: CollectionIndex) {
        self.environment = environment
        self.index = index
    }

    static let bucketList: JSONValue = [
        "type": "array",
        "items": ["type": "object", "properties": ["value": ["type": "string"], "count": ["type": "integer"]], "required": ["value", "count"]],
    ]

    /// Built once: the dispatcher reads it on every call.
    public let definition = Self.makeDefinition()

    static func makeDefinition() -> ToolDefinition {
        let buckets = Self.bucketList
        return ToolDefinition(
            name: "get_collection_stats",
            title: "Collection statistics",
            description: """
                Summary of the user's collection or wantlist: totals, top genres, styles, formats, labels, artists (exact names to filter \
                by), decades, ratings, additions by month, folders.
                """,
            inputSchema: CatalogSchema.input([
                "list": CatalogSchema.choice(["collection", "wantlist"], default: "collection"),
                "top": CatalogSchema.integer("Entries per ranked facet.", minimum: 1, maximum: 50, default: 10),
            ]),
            outputSchema: [
                "type": "object",
                "properties": [
                    "list": ["type": "string"], "total": ["type": "integer"], "unique_releases": ["type": "integer"],
                    "distinct": ["type": "object", "additionalProperties": ["type": "integer"]],
                    "genres": buckets, "styles": buckets, "formats": buckets, "labels": buckets, "artists": buckets, "decades": buckets,
                    "ratings": buckets, "added_by_month": buckets, "added_last_12_months": buckets, "folders": buckets,
                    "index": IndexRendering.freshnessSchema,
                ],
                "required": ["list", "total", "unique_releases", "genres", "styles", "formats", "decades", "ratings", "index"],
            ],
            annotations: .readOnly(openWorld: true),
            requiredScope: "read"
        )
    }

    /// The `count` calendar months up to and including the one `now` falls in (UTC), oldest first,
    /// each with its count from `months` ("YYYY-MM" buckets) or 0: a window relative to today, not
    /// the last months that happen to have data, so a quiet month shows as 0 instead of vanishing.
    static func calendarMonths(_ months: [IndexStats.Bucket], count: Int, endingAt now: Date) -> [IndexStats.Bucket] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let counts = Dictionary(months.map { ($0.value, $0.count) }, uniquingKeysWith: +)
        let current = calendar.dateComponents([.year, .month], from: now)
        guard let year = current.year, let month = current.month else { return [] }
        return (0..<count).reversed().map { back in
            let index = year * 12 + (month - 1) - back
            let key = String(format: "%04d-%02d", index / 12, index % 12 + 1)
            return IndexStats.Bucket(value: key, count: counts[key] ?? 0)
        }
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let args = CollectionArguments(arguments)
        let list = args.string("list").flatMap(IndexedList.init(rawValue:)) ?? .collection
        let top = min(max(args.int("top") ?? 10, 1), 50)
        let (account, freshness) = try await environment.preparedIndex(index, list: list, context: context)
        let stats = try await index.stats(username: account.username, list: list, top: top)
        func json(_ buckets: [IndexStats.Bucket]) -> JSONValue {
            .array(buckets.map { ["value": .string($0.value), "count": .int(Int64($0.count))] })
        }
        func text(_ name: String, _ buckets: [IndexStats.Bucket], facet: String? = nil) -> String? {
            guard !buckets.isEmpty else { return nil }
            let more = facet.flatMap { stats.distinct[$0] }.map { $0 > buckets.count ? " (top \(buckets.count) of \($0))" : "" } ?? ""
            return "\(name)\(more): " + buckets.map { "\($0.value) \($0.count)" }.joined(separator: ", ")
        }
        let lastMonths = Self.calendarMonths(stats.addedByMonth, count: 12, endingAt: Date())
        var lines: [String] = []
        if let notice = freshness.partialNotice { lines.append(notice) }
        lines.append(
            "\(list == .collection ? "Collection" : "Wantlist"): \(Wording.count(stats.total, "item")), \(Wording.count(stats.uniqueReleases, "unique release"))."
        )
        lines += [
            text("Genres", stats.genres, facet: "genre"), text("Styles", stats.styles, facet: "style"),
            text("Formats", stats.formats, facet: "format"),
            text("Labels", stats.labels, facet: "label"), text("Artists", stats.artists, facet: "artist"), text("Decades", stats.decades),
            text("Ratings (0 = unrated)", stats.ratings), text("Folders", stats.folders),
            text("Added per month (last 12 calendar months, oldest first)", lastMonths),
        ].compactMap { $0 }
        let structured: JSONValue = [
            "list": .string(list.rawValue), "total": .int(Int64(stats.total)), "unique_releases": .int(Int64(stats.uniqueReleases)),
            "distinct": .object(stats.distinct.mapValues { .int(Int64($0)) }), "genres": json(stats.genres), "styles": json(stats.styles),
            "formats": json(stats.formats), "labels": json(stats.labels), "artists": json(stats.artists), "decades": json(stats.decades),
            "ratings": json(stats.ratings), "added_by_month": json(stats.addedByMonth),
            "added_last_12_months": json(lastMonths), "folders": json(stats.folders),
            "index": IndexRendering.json(freshness),
        ]
        return .text(lines.joined(separator: "\n"), structured: structured)
    }
}
