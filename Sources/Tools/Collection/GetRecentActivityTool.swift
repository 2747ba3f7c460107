import Discogs
import Foundation
import MCP

/// What changed in the user's collection and wantlist lately, as the index saw it: this server's own
/// writes at once, changes made elsewhere when a refresh found them. No Discogs request beyond keeping
/// the index ready.
public struct GetRecentActivityTool: Tool {
    let environment: DiscogsToolEnvironment
    let index: CollectionIndex

    public init(environment: DiscogsToolEnvironment, index: CollectionIndex) {
        self.environment = environment
        self.index = index
    }

    /// Built once: the dispatcher reads it on every call.
    public let definition = Self.makeDefinition()

    static func makeDefinition() -> ToolDefinition {
        let event = CatalogSchema.object(
            [
                "kind": CatalogSchema.choice(IndexActivityEvent.Kind.allCases.map(\.rawValue)), "at": CatalogSchema.string,
                "list": CatalogSchema.string, "release_id": CatalogSchema.int, "instance_id": CatalogSchema.int, "artist": CatalogSchema.string,
                "title": CatalogSchema.string,
                "source": CatalogSchema.choice(["server", "discogs"], "server: made through this server; discogs: found by a refresh."),
                "folder_from": CatalogSchema.string, "folder_to": CatalogSchema.string, "rating_from": CatalogSchema.int,
                "rating_to": CatalogSchema.int,
                "date_added": CatalogSchema.string,
            ],
            required: ["kind", "at", "list", "release_id", "title", "source"]
        )
        let date = CatalogSchema.text("A date (2024-03-01) or time (2024-03-01T18:30:00Z), UTC.", maxLength: 40)
        return ToolDefinition(
            name: "get_recent_activity",
            title: "Recent collection activity",
            description: """
                What was added, moved, rated or removed in the user's collection, and wanted or unwanted in the wantlist, in a time range: \
                this server's changes and those a refresh found.
                """,
            inputSchema: CatalogSchema.input([
                "days": CatalogSchema.integer("Look back this many days (ignored with since).", minimum: 1, maximum: 365, default: 30),
                "since": date, "until": date,
                "kinds": ["type": "array", "items": CatalogSchema.choice(IndexActivityEvent.Kind.allCases.map(\.rawValue)), "maxItems": 6],
                "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
            ]),
            outputSchema: CatalogSchema.object(
                [
                    "since": CatalogSchema.string, "until": CatalogSchema.string, "total": CatalogSchema.int,
                    "counts": ["type": "object", "additionalProperties": CatalogSchema.int], "pagination": CatalogSchema.pagination,
                    "events": CatalogSchema.array(event), "kept_since": CatalogSchema.string, "index": IndexRendering.freshnessSchema,
                ],
                required: ["since", "total", "counts", "pagination", "events"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let args = CollectionArguments(arguments)
        let catalog = CatalogArguments(arguments)
        let now = Date().timeIntervalSince1970
        let until = try args.date("until")
        let since = try args.date("since") ?? (until ?? now) - Double(catalog.int("days") ?? 30) * 86_400
        if let until, until <= since { throw ToolFailure("since must be before until.") }
        var kinds = Set<IndexActivityEvent.Kind>()
        for value in arguments["kinds"]?.arrayValue ?? [] {
            guard let kind = value.stringValue.flatMap(IndexActivityEvent.Kind.init(rawValue:)) else {
                throw ToolFailure("kinds may hold added, removed, moved, rated, wanted and unwanted.")
            }
            kinds.insert(kind)
        }
        let (account, freshness) = try await environment.preparedIndex(index, list: .collection, context: context)
        _ = try await environment.preparedIndex(index, list: .wantlist, context: context)
        let perPage = catalog.perPage()
        let page = try await index.activity(
            IndexActivityQuery(
                username: account.username,
                since: since,
                until: until,
                kinds: kinds,
                offset: (catalog.page - 1) * perPage,
                limit: perPage
            )
        )
        let folders = Dictionary((try await index.folders(username: account.username)).map { ($0.id, $0.name) }) { first, _ in first }
        let rendering = ActivityRendering(
            page: page,
            range: (since, until),
            pagination: Pagination(
                page: catalog.page,
                pages: max(1, (page.total + perPage - 1) / perPage),
                items: page.total,
                perPage: perPage
            ),
            folders: folders,
            freshness: freshness
        )
        return rendering.result()
    }
}
