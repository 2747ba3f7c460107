extension Prompt {
    /// The `Prompt` object for `prompts/list`, with only the fields `revision` defines.
    public func json(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "description": .string(description),
            "arguments": .array(arguments.map { $0.json(for: revision) }),
        ]
        if revision.hasTitles { object["title"] = .string(title) }
        return .object(object)
    }
}

extension PromptArgument {
    public func json(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = ["name": .string(name), "description": .string(description), "required": .bool(required)]
        if revision.hasTitles, let title { object["title"] = .string(title) }
        return .object(object)
    }
}

extension PromptMessage {
    public func json(for revision: ProtocolRevision) -> JSONValue {
        ["role": .string(role.rawValue), "content": content.json(for: revision)]
    }
}
