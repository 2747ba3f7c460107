import Foundation
import MCP

/// `ping` as a tool: lets a model (not just the client) check the server answers.
public struct PingTool: Tool {
    public init() {}

    public let definition = ToolDefinition(
        name: "ping",
        title: "Ping the server",
        description: "Tests the connection: answers \"pong\" and the server's UTC time without contacting Discogs.",
        outputSchema: [
            "type": "object",
            "properties": ["reply": ["type": "string"], "serverTime": ["type": "string"]],
            "required": ["reply", "serverTime"],
        ],
        annotations: .readOnly(openWorld: false)
    )

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let now = Date().formatted(.iso8601)
        return .text("pong (server time \(now))", structured: ["reply": "pong", "serverTime": .string(now)])
    }
}
