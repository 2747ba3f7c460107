/// A client's answer to a request the server sent (`elicitation/create`): a result or an error.
public struct JSONRPCResponse: Sendable, Hashable {
    /// The id of the server's request; nil when the client sent one that is not a legal MCP id.
    public var id: RequestID?
    public var result: JSONValue?
    public var error: JSONValue?

    public init(id: RequestID?, result: JSONValue? = nil, error: JSONValue? = nil) {
        self.id = id
        self.result = result
        self.error = error
    }

    public var isError: Bool { error != nil }

    /// What the waiting server request gets: the result, or the error's code and message.
    public var reply: ClientReply {
        if let error {
            return .error(code: Int(error["code"]?.intValue ?? 0), message: error["message"]?.stringValue ?? "")
        }
        return .result(result ?? .null)
    }
}
