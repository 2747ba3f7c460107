extension Negotiation {
    /// The most bytes of client capabilities a session keeps (as compact JSON).
    public static let maximumCapabilityBytes = 16 * 1024
    /// The longest client name, version or requested version a session keeps, in characters.
    public static let maximumInfoCharacters = 256
    /// Capability names longer than this are dropped when capabilities must be reduced.
    static let maximumCapabilityNameBytes = 128

    /// The capabilities as sent when they fit `maximumCapabilityBytes`, otherwise only their names.
    ///
    /// `initialize` bodies may be up to the body limit (1 MiB), and a session would keep them for
    /// its whole life in memory and in the database. The server only ever asks whether a
    /// capability is declared (`Tool.requiredClientCapabilities`), so the names are what matters;
    /// each kept name maps to `{}`, and names stop being added once the cap is reached.
    static func bounded(capabilities: [String: JSONValue]) -> [String: JSONValue] {
        if JSONValue.object(capabilities).encodedBytes.count <= maximumCapabilityBytes { return capabilities }
        var reduced: [String: JSONValue] = [:]
        var size = 2
        for name in capabilities.keys.sorted() where name.utf8.count <= maximumCapabilityNameBytes {
            // "name":{}, plus a comma and the quotes' escaping headroom.
            size += name.utf8.count + 8
            guard size <= maximumCapabilityBytes else { break }
            reduced[name] = .object([:])
        }
        return reduced
    }

    /// `clientInfo` reduced to the fields the server records (`name`, `version`, `title`), each truncated.
    static func bounded(clientInfo: JSONValue) -> JSONValue? {
        guard case .object(let object) = clientInfo else { return nil }
        var kept: [String: JSONValue] = [:]
        for key in ["name", "version", "title"] {
            if case .string(let text)? = object[key] { kept[key] = .string(truncated(text)) }
        }
        return .object(kept)
    }

    static func truncated(_ text: String) -> String {
        text.count <= maximumInfoCharacters ? text : String(text.prefix(maximumInfoCharacters))
    }
}
