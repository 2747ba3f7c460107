import HTTPTypes

extension HTTPField.Name {
    static let mcpSessionID = declared("Mcp-Session-Id")
    static let mcpProtocolVersion = declared("MCP-Protocol-Version")
    static let mcpMethod = declared("Mcp-Method")
    static let mcpName = declared("Mcp-Name")
    static let lastEventID = declared("Last-Event-ID")
    static let xAccelBuffering = declared("X-Accel-Buffering")
    static let retryAfter = declared("Retry-After")

    private static func declared(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("invalid header name \(name)") }
        return field
    }
}
