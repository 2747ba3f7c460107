import Foundation
import MCP

/// Facts about this server a model or a person debugging a connection needs.
public struct ServerInfoTool: Tool {
    public struct Facts: Sendable {
        public var name: String
        public var version: String
        public var transports: [TransportKind]
        /// `oauth`, `personal` or `sandbox` (see `DiscogsConfiguration.Mode`).
        public var discogsMode: String
        public var startedAt: Date
        /// The toolsets this server serves (`DISCOGS_MCP_TOOLSETS`).
        public var toolsets: [String]

        public init(
            name: String,
            version: String,
            transports: [TransportKind],
            discogsMode: String,
            startedAt: Date,
            toolsets: [String] = Toolset.allCases.map(\.rawValue)
        ) {
            self.name = name
            self.version = version
            self.transports = transports
            self.discogsMode = discogsMode
            self.startedAt = startedAt
            self.toolsets = toolsets
        }
    }

    private let facts: Facts

    public init(facts: Facts) {
        self.facts = facts
    }

    public let definition = ToolDefinition(
        name: "server_info",
        title: "Server information",
        description: """
            This server's version, MCP revisions, transports, toolsets, Discogs mode (real or sandbox) and uptime: for diagnosing a \
            connection.
            """,
        outputSchema: [
            "type": "object",
            "properties": [
                "name": ["type": "string"],
                "version": ["type": "string"],
                "protocolRevisions": ["type": "array", "items": ["type": "string"]],
                "negotiatedRevision": ["type": "string"],
                "transports": ["type": "array", "items": ["type": "string"]],
                "transport": ["type": "string"],
                "discogsMode": ["type": "string", "enum": ["oauth", "personal", "sandbox"]],
                "sandbox": ["type": "boolean"],
                "startedAt": ["type": "string"],
                "uptimeSeconds": ["type": "integer", "minimum": 0],
                "toolsets": ["type": "array", "items": ["type": "string"]],
            ],
            "required": [
                "name", "version", "protocolRevisions", "negotiatedRevision", "transports", "transport", "discogsMode", "sandbox",
                "startedAt", "uptimeSeconds", "toolsets",
            ],
        ],
        annotations: .readOnly(openWorld: false)
    )

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let uptime = max(0, Int64(Date().timeIntervalSince(facts.startedAt)))
        let revisions = ProtocolRevision.allCases.map(\.rawValue)
        let sandbox = facts.discogsMode == "sandbox"
        let structured: JSONValue = [
            "name": .string(facts.name),
            "version": .string(facts.version),
            "protocolRevisions": .array(revisions.map { .string($0) }),
            "negotiatedRevision": .string(context.revision.rawValue),
            "transports": .array(facts.transports.map { .string($0.rawValue) }),
            "transport": .string(context.transport.rawValue),
            "discogsMode": .string(facts.discogsMode),
            "sandbox": .bool(sandbox),
            "startedAt": .string(facts.startedAt.formatted(.iso8601)),
            "uptimeSeconds": .int(uptime),
            "toolsets": .array(facts.toolsets.map { .string($0) }),
        ]
        let text = """
            \(facts.name) \(facts.version)\(sandbox ? " — SANDBOX: Discogs is simulated, no real account is used" : "")
            protocol revisions: \(revisions.joined(separator: ", ")); this connection: \(context.revision.rawValue) over \(context.transport.rawValue)
            transports: \(facts.transports.map(\.rawValue).joined(separator: ", ")); Discogs mode: \(facts.discogsMode); up \(uptime) s
            toolsets: \(facts.toolsets.joined(separator: ", "))
            """
        return .text(text, structured: structured)
    }
}
