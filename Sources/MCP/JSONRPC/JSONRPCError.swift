/// A JSON-RPC error object, with the codes MCP uses.
public struct JSONRPCError: Error, Sendable, Hashable {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = ["code": .int(Int64(code)), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}

extension JSONRPCError {
    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
    /// Handshake revisions: `resources/read` of a URI that names nothing (2026 uses -32602).
    public static let resourceNotFoundCode = -32002
    /// 2026-07-28: a routing header is missing or disagrees with the body.
    public static let headerMismatchCode = -32020
    /// 2026-07-28: the request needs a client capability it did not declare.
    public static let missingClientCapabilityCode = -32021
    /// 2026-07-28: the request's protocol version is not served here.
    public static let unsupportedProtocolVersionCode = -32022

    public static func parseError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: parseErrorCode, message: "Parse error: \(detail)")
    }

    public static func invalidRequest(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: invalidRequestCode, message: "Invalid Request: \(detail)")
    }

    public static func methodNotFound(_ method: String, detail: String? = nil) -> JSONRPCError {
        JSONRPCError(
            code: methodNotFoundCode,
            message: "Method not found: \(method)" + (detail.map { " (\($0))" } ?? "")
        )
    }

    public static func invalidParams(_ detail: String, data: JSONValue? = nil) -> JSONRPCError {
        JSONRPCError(code: invalidParamsCode, message: "Invalid params: \(detail)", data: data)
    }

    public static func internalError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: internalErrorCode, message: "Internal error: \(detail)")
    }

    /// A URI that names no resource, with the code `revision` defines and the URI in `data`.
    public static func resourceNotFound(_ uri: String, revision: ProtocolRevision, detail: String? = nil) -> JSONRPCError {
        JSONRPCError(
            code: revision.hasResourceNotFoundCode ? resourceNotFoundCode : invalidParamsCode,
            message: "Resource not found: \(uri)" + (detail.map { " (\($0))" } ?? ""),
            data: ["uri": .string(uri)]
        )
    }

    public static func headerMismatch(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: headerMismatchCode, message: "Header mismatch: \(detail)")
    }

    public static func missingClientCapabilities(_ names: [String]) -> JSONRPCError {
        var required: [String: JSONValue] = [:]
        for name in names { required[name] = [:] }
        return JSONRPCError(
            code: missingClientCapabilityCode,
            message: "Missing required client capability: \(names.joined(separator: ", "))",
            data: ["requiredCapabilities": .object(required)]
        )
    }

    public static func unsupportedProtocolVersion(requested: JSONValue, supported: [ProtocolRevision]) -> JSONRPCError {
        JSONRPCError(
            code: unsupportedProtocolVersionCode,
            message: "Unsupported protocol version",
            data: ["supported": .array(supported.map { .string($0.rawValue) }), "requested": requested]
        )
    }
}
