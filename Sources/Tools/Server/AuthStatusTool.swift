import MCP

/// Tells the model who it is acting for and how to get more access.
public struct AuthStatusTool: Tool {
    /// Where a client can sign in, shown to anonymous callers.
    private let signInHint: String

    public init(signInHint: String) {
        self.signInHint = signInHint
    }

    public let definition = ToolDefinition(
        name: "auth_status",
        title: "Sign-in status",
        description: "Reports whether this connection is signed in to Discogs, as whom, and which scopes (read, write, marketplace) it holds. Call it when Discogs tools are missing or refused, or when the user asks which account is connected; if not signed in, it explains how to sign in.",
        outputSchema: [
            "type": "object",
            "properties": [
                "authenticated": ["type": "boolean"],
                "method": ["type": "string", "enum": ["anonymous", "personal-token", "oauth"]],
                "username": ["type": "string"],
                "scopes": ["type": "array", "items": ["type": "string"]],
                "howToSignIn": ["type": "string"],
            ],
            "required": ["authenticated", "method", "scopes"],
        ],
        annotations: .readOnly(openWorld: false)
    )

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let caller = context.caller
        let scopes = caller.scopes.sorted()
        var structured: [String: JSONValue] = [
            "authenticated": .bool(caller.isAuthenticated),
            "method": .string(caller.kind),
            "scopes": .array(scopes.map { .string($0) }),
        ]
        if let name = caller.displayName { structured["username"] = .string(name) }
        let text: String
        if caller.isAuthenticated {
            let who = caller.displayName.map { "Discogs user \($0)" } ?? "the configured Discogs account"
            text = "Signed in as \(who) via \(caller.kind); scopes: \(scopes.isEmpty ? "none" : scopes.joined(separator: ", "))."
        } else {
            structured["howToSignIn"] = .string(signInHint)
            text = "Not signed in: only the public tools are available. \(signInHint)"
        }
        return .text(text, structured: .object(structured))
    }
}
