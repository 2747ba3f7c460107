extension Resource {
    /// The `Resource` object for `resources/list`, with only the fields `revision` defines.
    public func json(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = ["uri": .string(uri), "name": .string(name), "description": .string(description)]
        if let mimeType { object["mimeType"] = .string(mimeType) }
        if revision.hasTitles { object["title"] = .string(title) }
        return .object(object)
    }
}

extension ResourceTemplate {
    /// The `ResourceTemplate` object for `resources/templates/list`.
    public func json(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = [
            "uriTemplate": .string(template.description), "name": .string(name), "description": .string(description),
        ]
        if let mimeType { object["mimeType"] = .string(mimeType) }
        if revision.hasTitles { object["title"] = .string(title) }
        return .object(object)
    }
}
