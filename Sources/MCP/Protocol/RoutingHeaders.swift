import Foundation

/// The 2026-07-28 routing headers of one HTTP request, which must agree with its body.
public struct RoutingHeaders: Sendable, Hashable {
    public var protocolVersion: String?
    public var method: String?
    public var name: String?
    /// Names of routing headers that appeared more than once (always a mismatch).
    public var duplicated: [String]

    public init(protocolVersion: String? = nil, method: String? = nil, name: String? = nil, duplicated: [String] = []) {
        self.protocolVersion = protocolVersion
        self.method = method
        self.name = name
        self.duplicated = duplicated
    }

    /// Decodes a header value, undoing the `=?base64?…?=` sentinel clients use for values that
    /// are not plain header-safe ASCII. Returns `nil` for a malformed sentinel.
    public static func decodeValue(_ raw: String) -> String? {
        guard raw.hasPrefix("=?base64?"), raw.hasSuffix("?="), raw.count >= "=?base64??=".count else {
            return raw
        }
        let payload = raw.dropFirst("=?base64?".count).dropLast(2)
        guard let data = Data(base64Encoded: String(payload)) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

/// The per-request context of a 2026-07-28 request, read from `params._meta`.
public struct ModernEnvelope: Sendable, Hashable {
    public static let protocolVersionKey = "io.modelcontextprotocol/protocolVersion"
    public static let clientCapabilitiesKey = "io.modelcontextprotocol/clientCapabilities"
    public static let clientInfoKey = "io.modelcontextprotocol/clientInfo"
    public static let serverInfoKey = "io.modelcontextprotocol/serverInfo"
    public static let subscriptionIDKey = "io.modelcontextprotocol/subscriptionId"

    public var revision: ProtocolRevision
    public var clientCapabilities: [String: JSONValue]
    public var clientInfo: JSONValue?

    /// Whether a message carries the modern envelope, which selects stateless handling on stdio.
    public static func isPresent(in params: [String: JSONValue]) -> Bool {
        params["_meta"]?[protocolVersionKey] != nil
    }

    /// Runs the validation ladder of the 2026-07-28 transport; the first failure wins.
    ///
    /// 1. `_meta` with `protocolVersion` and `clientCapabilities` (else -32602);
    /// 2. routing headers, when the request came over HTTP (else -32020);
    /// 3. the version is a string (else -32602); 4. it is served here (else -32022).
    /// The method check (-32601) is the dispatcher's, after this.
    public static func validate(
        method: String,
        params: [String: JSONValue],
        headers: RoutingHeaders?
    ) -> Result<ModernEnvelope, JSONRPCError> {
        guard let meta = params["_meta"]?.objectValue else {
            return .failure(.invalidParams("params._meta is required in protocol 2026-07-28"))
        }
        guard let version = meta[protocolVersionKey] else {
            return .failure(.invalidParams("params._meta[\"\(protocolVersionKey)\"] is required"))
        }
        guard let capabilities = meta[clientCapabilitiesKey] else {
            return .failure(.invalidParams("params._meta[\"\(clientCapabilitiesKey)\"] is required"))
        }
        if let headers {
            if let error = checkHeaders(headers, method: method, params: params, bodyVersion: version) {
                return .failure(error)
            }
        }
        guard case .string(let versionText) = version else {
            return .failure(.invalidParams("the protocol version must be a string"))
        }
        guard let revision = ProtocolRevision(rawValue: versionText), revision.isModern else {
            return .failure(.unsupportedProtocolVersion(requested: version, supported: ProtocolRevision.modern))
        }
        guard case .object(let capabilityObject) = capabilities else {
            return .failure(.invalidParams("params._meta[\"\(clientCapabilitiesKey)\"] must be an object"))
        }
        return .success(ModernEnvelope(revision: revision, clientCapabilities: capabilityObject, clientInfo: meta[clientInfoKey]))
    }

    /// The methods whose name travels in `Mcp-Name`, and the param that holds it.
    private static let nameParameter: [String: String] = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"]

    private static func checkHeaders(_ headers: RoutingHeaders, method: String, params: [String: JSONValue], bodyVersion: JSONValue) -> JSONRPCError?
    {
        if let duplicate = headers.duplicated.first {
            return .headerMismatch("the \(duplicate) header appears more than once")
        }
        guard let versionHeader = headers.protocolVersion else {
            return .headerMismatch("the MCP-Protocol-Version header is required")
        }
        guard bodyVersion == .string(versionHeader) else {
            return .headerMismatch("MCP-Protocol-Version \(versionHeader) does not match params._meta protocolVersion \(bodyVersion.encodedString)")
        }
        guard let methodHeader = headers.method else {
            return .headerMismatch("the Mcp-Method header is required")
        }
        guard RoutingHeaders.decodeValue(methodHeader) == method else {
            return .headerMismatch("Mcp-Method \(methodHeader) does not match the body method \(method)")
        }
        if let parameter = nameParameter[method] {
            guard let nameHeader = headers.name else {
                return .headerMismatch("the Mcp-Name header is required for \(method)")
            }
            guard let decoded = RoutingHeaders.decodeValue(nameHeader) else {
                return .headerMismatch("Mcp-Name is not a valid =?base64?…?= value")
            }
            guard params[parameter] == .string(decoded) else {
                return .headerMismatch("Mcp-Name \(decoded) does not match params.\(parameter)")
            }
        }
        return nil
    }
}
