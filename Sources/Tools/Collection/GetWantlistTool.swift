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
            description: "Lists or searches the user's wantlist with search_collection's filters; newest first. PARTIAL while first indexing.",
            inputSchema: CatalogSchema.input(CollectionArguments.searchProperties(list: .wantlist)),
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
