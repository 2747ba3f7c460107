import Crypto
import Foundation

/// RFC 5849 signature rules, written independently of the `Discogs` client so the fake is an oracle.
///
/// If both sides shared one implementation a shared bug (say, leaving query parameters out of the
/// base string) would pass every test; this copy follows the RFC 5849 text on its own.
public enum OAuthSignature {
    /// RFC 5849 §3.6: unreserved characters stay, every other UTF-8 byte becomes `%XX` (uppercase).
    public static func percentEncode(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Decodes `%XX` escapes (and `+` as space when `plusIsSpace`, as in form bodies and queries).
    public static func percentDecode(_ string: String, plusIsSpace: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        var iterator = Array(string.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else if plusIsSpace, byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits `a=1&b=2` into decoded pairs (form and query syntax).
    public static func parseForm(_ string: String) -> [(String, String)] {
        string.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(String(parts[0]), plusIsSpace: true)
            let value = parts.count > 1 ? percentDecode(String(parts[1]), plusIsSpace: true) : ""
            return (name, value)
        }
    }

    /// RFC 5849 §3.4.1.2: lowercase scheme and host, default ports dropped, the path; no query.
    public static func baseStringURI(scheme: String, authority: String, path: String) -> String {
        let scheme = scheme.lowercased()
        var authority = authority.lowercased()
        if scheme == "http", authority.hasSuffix(":80") { authority.removeLast(3) }
        if scheme == "https", authority.hasSuffix(":443") { authority.removeLast(4) }
        return "\(scheme)://\(authority)\(path.isEmpty ? "/" : path)"
    }

    /// RFC 5849 §3.4.1.3.2: encode every name and value, sort by name then value, join with `&`.
    public static func normalizedParameters(_ parameters: [(String, String)]) -> String {
        let kept = parameters.filter { pair in pair.0 != "oauth_signature" && pair.0 != "realm" }
        let encoded: [(name: String, value: String)] = kept.map { pair in (percentEncode(pair.0), percentEncode(pair.1)) }
        // Encoded text is ASCII, so String ordering is byte ordering here.
        let sorted = encoded.sorted { lhs, rhs in lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// RFC 5849 §3.4.1.1: `METHOD&enc(uri)&enc(normalized parameters)`.
    public static func baseString(method: String, uri: String, parameters: [(String, String)]) -> String {
        "\(method.uppercased())&\(percentEncode(uri))&\(percentEncode(normalizedParameters(parameters)))"
    }

    /// The signing key (and the PLAINTEXT signature): `enc(consumer_secret)&enc(token_secret)`.
    public static func key(consumerSecret: String, tokenSecret: String) -> String {
        "\(percentEncode(consumerSecret))&\(percentEncode(tokenSecret))"
    }

    /// `base64(HMAC-SHA1(key, base string))`.
    public static func hmacSHA1(baseString: String, consumerSecret: String, tokenSecret: String) -> String {
        let key = SymmetricKey(data: Data(key(consumerSecret: consumerSecret, tokenSecret: tokenSecret).utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(baseString.utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// Parses `OAuth name="value", name="value"` (names and values percent-decoded; `realm` kept).
    public static func parseAuthorizationHeader(_ header: String) -> [(String, String)]? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("oauth ") else { return nil }
        let body = trimmed.dropFirst(6)
        var result: [(String, String)] = []
        for part in body.split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard !pair.isEmpty else { continue }
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return nil }
            var value = String(pieces[1]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            result.append((percentDecode(String(pieces[0])), percentDecode(value)))
        }
        return result
    }
}
