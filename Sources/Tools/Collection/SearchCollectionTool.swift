import Discogs
import MCP

/// Full-text search and filtering over the caller's whole collection, from the local index.
public struct SearchCollectionTool: Tool {
    let environment: DiscogsToolEnvironment
    let index: CollectionIndex

    public init(environment: DiscogsToolEnvironment, index: CollectionIndex) {
        self.environment = environment
        self.index = index
    }

    /// Built once: the dispatcher reads it on every call.
    public let definition = Self.makeDefinition()

    static func makeDefinition() -> ToolDefinition {
        var properties = CollectionArguments.searchProperties(list: .collection)
        properties["query"] = ["type": "string", "maxLength": 200, "description": "Words to find in artist, title, label, catalogue number, notes, genres, styles and formats (every word must match; prefixes allowed). Leave out to browse with filters only."]
        return ToolDefinition(
            name: "search_collection",
            title: "Search my collection",
            description: """
                Searches the signed-in user's entire Discogs collection (every copy in every folder; no size cap) by words and \
                filters: genre, style, format, label, artist, decade or year range, folder, minimum rating, date added. Use it to \
                answer "do I own…", "which of my records…", to list or count items, or to browse by date added. Results are paged \
                (per_page ≤ 100) and always state the total matched and the page; ask for the next page rather than assuming \
                items are missing. If the index is still being built on first use the answer says PARTIAL and how many items \
                are indexed — then absence is not proof the user does not own something. Filters are exact facet values; \
                get_collection_stats lists the genres, styles and formats present.
                """,
            inputSchema: ["type": "object", "properties": .object(properties), "additionalProperties": false],
            outputSchema: IndexRendering.pageSchema,
            annotations: .readOnly(openWorld: true),
            requiredScope: "read"
        )
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let (account, freshness) = try await environment.preparedIndex(index, list: .collection, context: context)
        let query = try CollectionArguments(arguments).query(username: account.username, list: .collection)
        let page = try await index.search(query)
        return IndexRendering.result(page, freshness: freshness, list: .collection, what: IndexRendering.describe(query))
    }
}
