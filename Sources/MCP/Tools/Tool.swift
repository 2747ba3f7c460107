/// A tool the server offers: its definition for `tools/list` and its handler for `tools/call`.
///
/// Tools are values with no transport or revision knowledge; the dispatcher validates
/// arguments against `definition.inputSchema` before `call` runs and shapes the result for
/// the caller's protocol revision afterwards.
public protocol Tool: Sendable {
    var definition: ToolDefinition { get }
    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult
}

/// Everything `tools/list` says about a tool, plus the scope a caller needs to see it.
public struct ToolDefinition: Sendable {
    public var name: String
    public var title: String
    public var description: String
    public var inputSchema: JSONValue
    /// Present only when every successful result carries conforming `structuredContent`.
    public var outputSchema: JSONValue?
    public var annotations: ToolAnnotations
    /// The grant scope needed to see and call the tool; `nil` for public tools.
    public var requiredScope: String?
    /// Client capabilities the tool cannot work without (e.g. `elicitation` to confirm a deletion).
    public var requiredClientCapabilities: [String]

    public init(
        name: String,
        title: String,
        description: String,
        inputSchema: JSONValue = ["type": "object", "additionalProperties": false],
        outputSchema: JSONValue? = nil,
        annotations: ToolAnnotations,
        requiredScope: String? = nil,
        requiredClientCapabilities: [String] = []
    ) {
        self.requiredClientCapabilities = requiredClientCapabilities
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.requiredScope = requiredScope
    }
}

/// The behaviour hints of MCP's `ToolAnnotations` (2025-03-26 onward).
public struct ToolAnnotations: Sendable, Hashable {
    public var readOnlyHint: Bool
    public var destructiveHint: Bool
    public var idempotentHint: Bool
    public var openWorldHint: Bool

    public init(readOnly: Bool, destructive: Bool = false, idempotent: Bool = false, openWorld: Bool) {
        readOnlyHint = readOnly
        destructiveHint = destructive
        idempotentHint = idempotent
        openWorldHint = openWorld
    }

    /// A read-only tool; `openWorld` says whether it reaches beyond this server (e.g. Discogs).
    public static func readOnly(openWorld: Bool) -> ToolAnnotations {
        ToolAnnotations(readOnly: true, idempotent: true, openWorld: openWorld)
    }
}

/// A content block in a tool result.
public enum ContentBlock: Sendable, Hashable {
    case text(String)
    case image(base64: String, mimeType: String)
    case resourceLink(uri: String, name: String, title: String?, mimeType: String?)
}

/// What a tool returns. Failures the model can act on are results with `isError`, not thrown errors.
public struct ToolResult: Sendable, Hashable {
    public var content: [ContentBlock]
    public var structuredContent: JSONValue?
    public var isError: Bool

    public init(content: [ContentBlock], structuredContent: JSONValue? = nil, isError: Bool = false) {
        self.content = content
        self.structuredContent = structuredContent
        self.isError = isError
    }

    public static func text(_ text: String, structured: JSONValue? = nil) -> ToolResult {
        ToolResult(content: [.text(text)], structuredContent: structured)
    }

    public static func error(_ message: String) -> ToolResult {
        ToolResult(content: [.text(message)], isError: true)
    }
}

/// Thrown by a tool to end the call with an `isError` result carrying `message`.
public struct ToolFailure: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
