import Discogs
import MCP

/// The caller's wantlist, searchable and filterable like the collection.
public struct GetWantlistTool: Tool {
    let environment: DiscogsToolEnvironment
    let index: CollectionIndex

    public init(environment: DiscogsToolEnvironment, index: CollectionIndex) {
        self.environment = environment
        self.index = index
    }

    /// Built once: the dispatcher reads it on every call.
    public let definition = Self.makeDefinition()

    static func makeDefinition() -> ToolDefinition {
        ToolDefinition(
            name: "get_wantlist",
            title: "My wantlist",
            description: """
                Lists or searches the signed-in user's Discogs wantlist (the releases they want to buy), with the same words and \
                filters as search_collection (genre, style, format, label, artist, decade/years, rating, date added) and sorting. \
                Without arguments it lists the newest wants first. Paged (per_page ≤ 100); the answer always states the total and \
                the page. A first call may be PARTIAL while the wantlist is being indexed; the answer says so.
                """,
            inputSchema: ["type": "object", "properties": .object(CollectionArguments.searchProperties(list: .wantlist)), "additionalProperties": false],
            outputSchema: IndexRendering.pageSchema,
            annotations: .readOnly(openWorld: true),
            requiredScope: "read"
        )
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let (account, freshness) = try await environment.preparedIndex(index, list: .wantlist, context: context)
        let query = try CollectionArguments(arguments).query(username: account.username, list: .wantlist)
        let page = try await index.search(query)
        return IndexRendering.result(page, freshness: freshness, list: .wantlist, what: IndexRendering.describe(query))
    }
}
