import Foundation
import MCP

/// A Discogs tool made of its definition and a handler closure.
///
/// The catalog has about forty tools whose handlers are a few lines each; a closure per tool keeps
/// a concern's tools side by side in one file instead of forty near-empty types.
public struct CatalogTool: Tool {
    public let definition: ToolDefinition
    let handler: @Sendable (CatalogArguments, ToolContext) async throws -> ToolResult

    init(_ definition: ToolDefinition, handler: @escaping @Sendable (CatalogArguments, ToolContext) async throws -> ToolResult) {
        self.definition = definition
        self.handler = handler
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        try await handler(CatalogArguments(arguments), context)
    }
}

extension ToolAnnotations {
    /// A read of Discogs data: safe to repeat, reaches beyond this server.
    static let discogsRead = ToolAnnotations.readOnly(openWorld: true)

    /// A change to the user's Discogs data.
    static func discogsWrite(destructive: Bool = false, idempotent: Bool = false) -> ToolAnnotations {
        ToolAnnotations(readOnly: false, destructive: destructive, idempotent: idempotent, openWorld: true)
    }
}

/// The grant scopes Discogs tools declare.
enum CatalogScope {
    static let read = "read"
    static let write = "write"
    static let marketplace = "marketplace"
}
