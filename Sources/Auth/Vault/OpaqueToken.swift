import Crypto
import Foundation

/// Base64url without padding (RFC 4648 §5), as tokens and PKCE use it.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Comparison whose time does not depend on where two strings first differ.
public enum ConstantTime {
    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// Opaque bearer values (tokens, codes, ids) and their at-rest digests.
///
/// 256 random bits make guessing hopeless; storing only SHA-256 digests means a database
/// leak hands out nothing usable. A short prefix (`at_`, `rt_`, `ac_`) tells a human or a
/// secret scanner what kind of value leaked, without carrying any meaning for validation.
public enum OpaqueToken {
    public static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Base64URL.encode(Data(bytes))
    }

    /// Lowercase hex SHA-256 of the value: the only form that reaches the database.
    public static func digest(_ value: String) -> String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a presented value has the shape we mint (prefix + 43 base64url characters).
    public static func isWellFormed(_ value: String, prefix: String) -> Bool {
        guard value.hasPrefix(prefix) else { return false }
        let body = value.utf8.dropFirst(prefix.utf8.count)
        return body.count == 43 && body.allSatisfy(PKCE.isBase64URL)
    }
}
