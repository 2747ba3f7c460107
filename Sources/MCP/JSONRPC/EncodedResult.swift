import Locking

/// Result bytes encoded once and shared by many answers (a `tools/list` page).
///
/// Transports may keep forms derived from the bytes — a compressed copy — in `derived`, so
/// those too are made once per page instead of once per request.
public final class EncodedResult: Sendable {
    public let bytes: [UInt8]
    private let memo = Locked<[String: any Sendable]>([:])

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The value stored under `key`, made by `make` the first time it is asked for.
    ///
    /// Two first callers racing may both run `make`; the first stored value wins and both get it.
    public func derived<T: Sendable>(_ key: String, make: () -> T) -> T {
        // Unwrap the dictionary's optional first: `nil as? T` would succeed when T is itself optional.
        if let stored = memo.withLock({ $0[key] }), let typed = stored as? T { return typed }
        let made = make()
        return memo.withLock { memo in
            if let stored = memo[key], let typed = stored as? T { return typed }
            memo[key] = made
            return made
        }
    }
}

extension OutgoingMessage {
    /// A result carrying shared encoded bytes, split so a transport can frame it around them:
    /// `prefix + result.bytes + suffix` is exactly `encodedBytes`.
    public var sharedResult: (prefix: [UInt8], result: EncodedResult, suffix: [UInt8])? {
        guard case .result(let id, .encoded(let result)) = self else { return nil }
        var writer = JSONWriter()
        writer.append("{\"jsonrpc\":\"2.0\",\"id\":")
        writer.write(id.json)
        writer.append(",\"result\":")
        return (writer.bytes, result, Array("}".utf8))
    }
}
