/// Accepts numbers sent as strings where a tool's schema asks for a number.
///
/// Several MCP clients (and models writing arguments by hand) send `"page": "25"`. A string that
/// is a clean decimal number — an optional minus sign, digits, and for `number` one optional
/// fraction — becomes that number before validation; anything else (`"25x"`, `" 25"`, `"1e400"`,
/// `"0x19"`) stays a string, so the validator refuses it naming the property and the type.
public enum NumericStrings {
    /// `value` with every numeric string at an `integer`/`number` position of `schema` converted.
    public static func coerce(_ value: JSONValue, schema: JSONValue) -> JSONValue {
        guard case .object(let rules) = schema else { return value }
        switch value {
        case .string(let text):
            let types = rules["type"]?.arrayValue?.compactMap(\.stringValue) ?? rules["type"]?.stringValue.map { [$0] } ?? []
            // A schema that also allows strings takes the string as it is.
            guard !types.contains("string") else { return value }
            if types.contains("integer"), let number = integer(text) { return .int(number) }
            if types.contains("number") {
                if let number = integer(text) { return .int(number) }
                if let number = decimal(text) { return .double(number) }
            }
            return value
        case .object(var members):
            let properties = rules["properties"]?.objectValue ?? [:]
            for (name, member) in members {
                if let propertySchema = properties[name] {
                    members[name] = coerce(member, schema: propertySchema)
                }
            }
            return .object(members)
        case .array(let items):
            guard let itemSchema = rules["items"] else { return value }
            return .array(items.map { coerce($0, schema: itemSchema) })
        default:
            return value
        }
    }

    /// `-?[0-9]+` that fits in 64 bits.
    static func integer(_ text: String) -> Int64? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(text)
    }

    /// `-?[0-9]+\.[0-9]+`, finite.
    static func decimal(_ text: String) -> Double? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let number = Double(text), number.isFinite
        else { return nil }
        return number
    }
}
