import Discogs
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
        try await Self.explainingNotFound(arguments) { try await handler(CatalogArguments(arguments), context) }
    }

    /// Runs a tool's `body`; Discogs' 404 becomes a tool failure naming the id and where a valid one is found.
    static func explainingNotFound(_ arguments: [String: JSONValue], _ body: () async throws -> ToolResult) async throws -> ToolResult {
        do {
            return try await body()
        } catch DiscogsError.notFound(let message) {
            throw ToolFailure(notFound(message, arguments: arguments))
        }
    }

    /// What was looked up and where to find a valid one: Discogs' own 404 text ("The requested
    /// resource was not found.") names neither, and a listing or order id is not a database id.
    static func notFound(_ message: String?, arguments: [String: JSONValue]) -> String {
        let hints: [(name: String, hint: String)] = [
            ("release_id", "release, master, artist and label ids are separate namespaces; search_database finds ids"),
            ("master_id", "master ids differ from release ids; get_release shows a release's master_id"),
            ("artist_id", "search_database with type artist finds artist ids"),
            ("label_id", "search_database with type label finds label ids"),
            ("listing_id", "get_inventory lists your listings' ids"), ("order_id", "list_orders lists your orders' ids"),
            ("list_id", "get_user_lists lists list ids"), ("folder_id", "list_folders lists folder ids"),
            ("username", "check the spelling of the Discogs username"),
        ]
        let asked = hints.compactMap { entry -> (String, String)? in
            guard let value = arguments[entry.name].flatMap({ $0.stringValue ?? $0.intValue.map(String.init) }) else { return nil }
            return ("\(entry.name) \(value)", entry.hint)
        }
        guard let first = asked.first else { return DiscogsError.notFound(message: message).description }
        let quoted = message.flatMap { $0.isEmpty ? nil : " (“\($0)”)" } ?? ""
        return "Discogs found nothing for \(asked.map(\.0).joined(separator: ", "))\(quoted). Check the id: \(first.1)."
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
