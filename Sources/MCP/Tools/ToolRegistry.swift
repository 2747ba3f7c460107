/// The server's tools, in a fixed order, filtered by the caller's scopes.
///
/// The registry is immutable: what changes over time is a caller's grant, never the catalog,
/// which keeps `tools/list` cacheable and deterministic.
public struct ToolRegistry: Sendable {
    public let tools: [any Tool]
    private let byName: [String: any Tool]

    /// - Precondition: names are unique (a duplicate is a programming error caught at start-up).
    public init(_ tools: [any Tool]) {
        self.tools = tools.sorted { $0.definition.name < $1.definition.name }
        var byName: [String: any Tool] = [:]
        for tool in tools {
            precondition(byName[tool.definition.name] == nil, "duplicate tool name \(tool.definition.name)")
            byName[tool.definition.name] = tool
        }
        self.byName = byName
    }

    public func tool(named name: String) -> (any Tool)? {
        byName[name]
    }

    /// Whether `caller` may see and call `tool`.
    public func isVisible(_ tool: any Tool, to caller: Caller) -> Bool {
        guard let scope = tool.definition.requiredScope else { return true }
        return caller.scopes.contains(scope)
    }

    public func visibleTools(for caller: Caller) -> [any Tool] {
        tools.filter { isVisible($0, to: caller) }
    }

    /// The distinct scopes tools require, in a stable order.
    public var requiredScopes: [String] {
        Array(Set(tools.compactMap(\.definition.requiredScope))).sorted()
    }
}
