import MCP

/// Hands out sign-in links bound to one anonymous session (legacy SSE clients without OAuth).
public protocol SessionLoginLinkIssuer: Sendable {
    /// A single-use link for `sessionID` and the short code the person types on its page.
    func loginLink(sessionID: String) async -> (url: String, code: String)?
}

/// Tells the model who it is acting for and how to get more access.
public struct AuthStatusTool: Tool {
    /// Where a client can sign in, shown to anonymous callers.
    private let signInHint: String
    private let links: (any SessionLoginLinkIssuer)?
    /// Names the Discogs account when the principal carries no name (a personal token's owner).
    private let accounts: (any DiscogsAccountResolver)?

    public init(signInHint: String, links: (any SessionLoginLinkIssuer)? = nil, accounts: (any DiscogsAccountResolver)? = nil) {
        self.signInHint = signInHint
        self.links = links
        self.accounts = accounts
    }

    public let definition = ToolDefinition(
        name: "auth_status",
        title: "Sign-in status",
        description: """
            Whether this connection is signed in to Discogs, as whom, with which scopes, and how to sign in. Use when Discogs tools are \
            missing or refused.
            """,
        outputSchema: [
            "type": "object",
            "properties": [
                "authenticated": ["type": "boolean"],
                "method": ["type": "string", "enum": ["anonymous", "personal-token", "oauth"]],
                "username": ["type": "string"],
                "scopes": ["type": "array", "items": ["type": "string"]],
                "howToSignIn": ["type": "string"],
                "loginUrl": ["type": "string"],
                "loginCode": ["type": "string"],
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
        var username = caller.displayName
        if username == nil, caller.isAuthenticated {
            // Best effort: the name is a courtesy, and a Discogs hiccup must not make this tool fail.
            username = try? await accounts?.account(for: caller)?.username
        }
        if let username { structured["username"] = .string(username) }
        let text: String
        if caller.isAuthenticated {
            let who = username.map { "Discogs user \($0)" } ?? "the configured Discogs account"
            text = "Signed in as \(who) via \(caller.kind); scopes: \(scopes.isEmpty ? "none" : scopes.joined(separator: ", "))."
        } else if context.transport == .sse, let sessionID = context.sessionID, let links, let link = await links.loginLink(sessionID: sessionID) {
            let how =
                "Open \(link.url) in a browser, type the code \(link.code) there (the page does not show it), choose what to allow, and sign in at Discogs. This session then gains the Discogs tools (read-only unless more is ticked). The link works once and expires within 10 minutes; never send it to anyone else."
            structured["howToSignIn"] = .string(how)
            structured["loginUrl"] = .string(link.url)
            structured["loginCode"] = .string(link.code)
            text = "Not signed in: only the public tools are available. Ask the user to sign in: \(how)"
        } else {
            structured["howToSignIn"] = .string(signInHint)
            text = "Not signed in: only the public tools are available. \(signInHint)"
        }
        return .text(text, structured: .object(structured))
    }
}
