extension ToolDefinition {
    /// The `Tool` object for `tools/list`, with only the fields `revision` defines.
    public func json(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "description": .string(description),
            "inputSchema": inputSchema,
        ]
        if revision.hasTitles {
            object["title"] = .string(title)
        }
        if revision.hasToolAnnotations {
            var hints: [String: JSONValue] = [
                "readOnlyHint": .bool(annotations.readOnlyHint),
                "openWorldHint": .bool(annotations.openWorldHint),
            ]
            if !annotations.readOnlyHint {
                hints["destructiveHint"] = .bool(annotations.destructiveHint)
                hints["idempotentHint"] = .bool(annotations.idempotentHint)
            } else {
                hints["idempotentHint"] = .bool(true)
            }
            if revision.hasTitles { hints["title"] = .string(title) }
            object["annotations"] = .object(hints)
        }
        if revision.hasStructuredOutput, let outputSchema {
            object["outputSchema"] = outputSchema
        }
        return .object(object)
    }
}

extension ToolResult {
    /// The `CallToolResult` for `revision`: no `structuredContent` before 2025-06-18, and
    /// content types a revision lacks are rendered as text.
    public func json(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = [
            "content": .array(content.map { $0.json(for: revision) }),
            "isError": .bool(isError),
        ]
        if revision.hasStructuredOutput, let structuredContent {
            object["structuredContent"] = structuredContent
        }
        return .object(object)
    }
}

extension ContentBlock {
    public func json(for revision: ProtocolRevision) -> JSONValue {
        switch self {
        case .text(let text):
            return ["type": "text", "text": .string(text)]
        case .image(let base64, let mimeType):
            return ["type": "image", "data": .string(base64), "mimeType": .string(mimeType)]
        case .resourceLink(let uri, let name, let title, let mimeType):
            guard revision.hasStructuredOutput else {
                return ["type": "text", "text": .string("\(title ?? name): \(uri)")]
            }
            var object: [String: JSONValue] = ["type": "resource_link", "uri": .string(uri), "name": .string(name)]
            if let title { object["title"] = .string(title) }
            if let mimeType { object["mimeType"] = .string(mimeType) }
            return .object(object)
        }
    }
}
