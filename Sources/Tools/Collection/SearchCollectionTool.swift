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
        ToolDefinition(
            name: "search_collection",
            title: "Search my collection",
            description: """
                Searches the user's whole collection by words and filters: "do I own…?", counts, recent additions. Answers give the total; \
                PARTIAL means still indexing, so absence proves nothing.
                """,
            inputSchema: CatalogSchema.input(CollectionArguments.searchProperties(list: .collection)),
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
