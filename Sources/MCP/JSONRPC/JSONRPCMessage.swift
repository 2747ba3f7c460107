import Foundation

/// A client request: it has an id and expects exactly one response.
public struct JSONRPCRequest: Sendable, Hashable {
    public var id: RequestID
    public var method: String
    public var params: [String: JSONValue]

    public init(id: RequestID, method: String, params: [String: JSONValue] = [:]) {
        self.id = id
        self.method = method
        self.params = params
    }

    /// `params._meta`, where progress tokens and the 2026 envelope live.
    public var meta: [String: JSONValue] { params["_meta"]?.objectValue ?? [:] }
}

/// A message without an id; it never gets a reply.
public struct JSONRPCNotification: Sendable, Hashable {
    public var method: String
    public var params: [String: JSONValue]

    public init(method: String, params: [String: JSONValue] = [:]) {
        self.method = method
        self.params = params
    }
}

/// One well-formed JSON-RPC message received from a client.
public enum JSONRPCMessage: Sendable, Hashable {
    case request(JSONRPCRequest)
    case notification(JSONRPCNotification)
    /// A response to a request the server sent (`elicitation/create`), routed to whoever waits on it.
    case response(JSONRPCResponse)
}

/// A message that could not be accepted, with the id when one could be read.
public struct InvalidMessage: Error, Sendable, Hashable {
    public var id: RequestID?
    public var error: JSONRPCError
    /// Whether the sender meant it as a notification (no id), so nothing may be sent back.
    public var isNotification: Bool
}

/// What a transport read from one body or line.
public enum ParsedBody: Sendable {
    /// The body was not JSON at all.
    case unparseable(JSONRPCError)
    case single(Result<JSONRPCMessage, InvalidMessage>)
    case batch([Result<JSONRPCMessage, InvalidMessage>])
}

extension JSONRPCMessage {
    /// The most messages one JSON-RPC batch may hold (2025-03-26 is the only revision with batches).
    public static let maximumBatchLength = 100

    /// Parses a body or line into messages, classifying every failure with its exact JSON-RPC code.
    public static func parse(_ bytes: some Collection<UInt8>) -> ParsedBody {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .unparseable(.parseError(bytes.isEmpty ? "the body is empty" : error.description))
        }
        switch value {
        case .array(let items):
            if items.isEmpty {
                return .single(.failure(InvalidMessage(id: nil, error: .invalidRequest("empty batch"), isNotification: false)))
            }
            if items.count > maximumBatchLength {
                // One error for the whole body: answering each item would turn one small POST into
                // thousands of dispatches (a 1 MiB body holds ~30,000 tiny requests).
                let error = JSONRPCError.invalidRequest("a batch may hold at most \(maximumBatchLength) messages; this one holds \(items.count)")
                return .single(.failure(InvalidMessage(id: nil, error: error, isNotification: false)))
            }
            return .batch(items.map(classify))
        default:
            return .single(classify(value))
        }
    }

    /// Classifies one decoded value as a request, notification or response.
    public static func classify(_ value: JSONValue) -> Result<JSONRPCMessage, InvalidMessage> {
        guard case .object(let object) = value else {
            return .failure(
                InvalidMessage(id: nil, error: .invalidRequest("a message must be a JSON object, got \(value.typeName)"), isNotification: false)
            )
        }
        let rawID = object["id"]
        let id = rawID.flatMap(RequestID.init)
        let hasID = rawID != nil
        func fail(_ error: JSONRPCError) -> Result<JSONRPCMessage, InvalidMessage> {
            .failure(InvalidMessage(id: id, error: error, isNotification: !hasID && object["method"] != nil))
        }
        guard object["jsonrpc"] == .string("2.0") else {
            return fail(.invalidRequest("\"jsonrpc\" must be \"2.0\""))
        }
        if let methodValue = object["method"] {
            guard case .string(let method) = methodValue else {
                return fail(.invalidRequest("\"method\" must be a string"))
            }
            if let rawID, id == nil {
                return fail(.invalidRequest("\"id\" must be a string or an integer, got \(rawID.typeName)"))
            }
            var params: [String: JSONValue] = [:]
            if let rawParams = object["params"] {
                switch rawParams {
                case .object(let members): params = members
                case .null: params = [:]
                default: return fail(.invalidParams("\"params\" must be an object, got \(rawParams.typeName)"))
                }
            }
            if let id {
                return .success(.request(JSONRPCRequest(id: id, method: method, params: params)))
            }
            return .success(.notification(JSONRPCNotification(method: method, params: params)))
        }
        if object["result"] != nil || object["error"] != nil {
            guard rawID != nil else { return fail(.invalidRequest("a response needs an \"id\"")) }
            return .success(.response(JSONRPCResponse(id: id, result: object["result"], error: object["error"])))
        }
        return fail(.invalidRequest("a message needs a \"method\" (request or notification) or a \"result\"/\"error\" (response)"))
    }
}
