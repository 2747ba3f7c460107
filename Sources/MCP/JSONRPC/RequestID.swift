/// A JSON-RPC request id: a string or an integer, never null (MCP forbids null and fractional ids).
public enum RequestID: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int64)

    /// Reads an id from a decoded value, or `nil` when the value is not a legal MCP id.
    public init?(_ value: JSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .int(let number): self = .int(number)
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .string(let text): return .string(text)
        case .int(let number): return .int(number)
        }
    }

    public var description: String {
        switch self {
        case .string(let text): return text
        case .int(let number): return String(number)
        }
    }
}
