import Discogs
import Foundation
import MCP

extension DatabaseTools {
    /// Discogs' own search filters, each passed through under its Discogs name.
    /// The Discogs search filters; a description only where the name leaves a doubt.
    static let searchFilters: [(name: String, help: String?)] = [
        ("title", "\"Artist - Title\"."), ("release_title", nil), ("credit", "A credited person."), ("artist", nil),
        ("anv", "Artist name variation."), ("label", nil), ("genre", nil), ("style", nil), ("country", nil), ("year", "e.g. 1972"),
        ("format", "e.g. Vinyl, CD"), ("catno", nil), ("barcode", nil), ("track", "Track title."), ("submitter", nil),
        ("contributor", nil),
    ]

    static func searchDatabase(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        var properties: [String: JSONValue] = [
            "query": CatalogSchema.text("Free text; give it or a filter."),
            "type": CatalogSchema.choice(["release", "master", "artist", "label"]),
            "sort": CatalogSchema.choice(["title", "artist", "year"]),
            "sort_order": CatalogSchema.sortOrder,
            "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
        ]
        for filter in searchFilters { properties[filter.name] = CatalogSchema.text(filter.help) }
        let result = CatalogSchema.object(
            [
                "id": CatalogSchema.int, "type": CatalogSchema.string, "title": CatalogSchema.string, "year": CatalogSchema.int,
                "country": CatalogSchema.string, "format": CatalogSchema.strings, "label": CatalogSchema.strings, "genre": CatalogSchema.strings,
                "style": CatalogSchema.strings, "catno": CatalogSchema.string, "barcode": CatalogSchema.strings, "master_id": CatalogSchema.int,
                "in_collection": CatalogSchema.bool, "in_wantlist": CatalogSchema.bool, "have": CatalogSchema.int, "want": CatalogSchema.int,
            ],
            required: ["id", "type", "title"]
        )
        let definition = ToolDefinition(
            name: "search_database",
            title: "Search the Discogs database",
            description: "Searches the Discogs database for releases, masters, artists or labels (the user's own records: search_collection).",
            inputSchema: CatalogSchema.input(properties),
            outputSchema: CatalogSchema.paged("results", result),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            try await runSearchDatabase(arguments, context: context, environment: environment)
        }
    }

    /// Runs the search with the given filters (a query or one filter is required) and lists the page.
    static func runSearchDatabase(_ arguments: CatalogArguments, context: ToolContext, environment: DiscogsToolEnvironment) async throws -> ToolResult
    {
        var filters: [String: String] = [:]
        for name in searchFilters.map(\.name) + ["type", "sort", "sort_order"] {
            if let value = arguments.string(name) { filters[name] = value }
        }
        let query = arguments.string("query")
        guard query != nil || !filters.keys.filter({ !["type", "sort", "sort_order"].contains($0) }).isEmpty else {
            throw ToolFailure("Give a `query` or at least one filter (artist, release_title, label, catno, barcode, …) to search for.")
        }
        let credential = try await environment.readCredential(for: context)
        let page = try await environment.api.search(
            query: query,
            filters: filters,
            page: arguments.page,
            perPage: arguments.perPage(),
            as: credential
        )
        let results: [JSONValue] = page.items.map { hit in
            StructuredValue.object([
                "id": StructuredValue.int(hit.id), "type": .string(hit.type), "title": .string(hit.title),
                "year": StructuredValue.int(hit.year?.value),
                "country": StructuredValue.string(hit.country), "format": StructuredValue.strings(hit.format),
                "label": StructuredValue.strings(hit.label),
                "genre": StructuredValue.strings(hit.genre), "style": StructuredValue.strings(hit.style), "catno": StructuredValue.string(hit.catno),
                "barcode": StructuredValue.strings(hit.barcode), "master_id": StructuredValue.int(hit.masterId.flatMap { $0 == 0 ? nil : $0 }),
                "in_collection": StructuredValue.bool(hit.userData?.inCollection), "in_wantlist": StructuredValue.bool(hit.userData?.inWantlist),
                "have": StructuredValue.int(hit.community?.have), "want": StructuredValue.int(hit.community?.want),
            ])
        }
        var lines = [StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "result")]
        for hit in page.items {
            var line = "- [\(hit.type) \(hit.id)] \(hit.title)"
            if let year = hit.year?.value { line += " (\(year))" }
            let details = [hit.format?.joined(separator: ", "), hit.label?.first, hit.catno, hit.country].compactMap { $0 }.filter { !$0.isEmpty }
            if !details.isEmpty { line += " — " + details.joined(separator: " · ") }
            if hit.userData?.inCollection == true { line += " [in your collection]" }
            if hit.userData?.inWantlist == true { line += " [in your wantlist]" }
            lines.append(line)
        }
        return .text(
            lines.joined(separator: "\n"),
            structured: ["pagination": StructuredValue.pagination(page.pagination), "results": .array(results)]
        )
    }
}
