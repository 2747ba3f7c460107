/// A message the server sends: a response (success or error), a notification, or a request of
/// its own (`elicitation/create`), whose answer `ClientRequests` routes back.
///
/// Results can be carried pre-encoded so hot answers such as `tools/list` are assembled from
/// cached bytes instead of being re-serialized on every request.
public enum OutgoingMessage: Sendable {
    case result(id: RequestID, ResultBody)
    case error(id: RequestID?, JSONRPCError)
    case notification(method: String, params: JSONValue?)
    case request(id: RequestID, method: String, params: JSONValue)

    public enum ResultBody: Sendable {
        case value(JSONValue)
        case encoded(EncodedResult)
    }

    public static func result(id: RequestID, _ value: JSONValue) -> OutgoingMessage {
        .result(id: id, .value(value))
    }

    /// The error carried by this message, if it is an error response.
    public var error: JSONRPCError? {
        if case .error(_, let error) = self { return error }
        return nil
    }

    public func write(into writer: inout JSONWriter) {
        switch self {
        case .result(let id, let body):
            writer.append("{\"jsonrpc\":\"2.0\",\"id\":")
            writer.write(id.json)
            writer.append(",\"result\":")
            switch body {
            case .value(let value): writer.write(value)
            case .encoded(let result): writer.writeRaw(result.bytes)
            }
            writer.append("}")
        case .error(let id, let error):
            writer.append("{\"jsonrpc\":\"2.0\",\"id\":")
            writer.write(id?.json ?? .null)
            writer.append(",\"error\":")
            writer.write(error.json)
            writer.append("}")
        case .notification(let method, let params):
            writer.append("{\"jsonrpc\":\"2.0\",\"method\":")
            writer.writeString(method)
            if let params {
                writer.append(",\"params\":")
                writer.write(params)
            }
            writer.append("}")
        case .request(let id, let method, let params):
            writer.append("{\"jsonrpc\":\"2.0\",\"id\":")
            writer.write(id.json)
            writer.append(",\"method\":")
            writer.writeString(method)
            writer.append(",\"params\":")
            writer.write(params)
            writer.append("}")
        }
    }

    public var encodedBytes: [UInt8] {
        var writer = JSONWriter()
        write(into: &writer)
        return writer.bytes
    }
}

extension Array where Element == OutgoingMessage {
    /// A JSON array of messages, the answer to a batch.
    public var encodedBatch: [UInt8] {
        var writer = JSONWriter()
        writer.append("[")
        for (index, message) in enumerated() {
            if index > 0 { writer.append(",") }
            message.write(into: &writer)
        }
        writer.append("]")
        return writer.bytes
    }
}
