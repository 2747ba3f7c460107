import Foundation

/// `application/x-www-form-urlencoded` parsing for the token and revocation endpoints.
///
/// RFC 6749 §3.2 forbids repeating a parameter, and silently taking the first or last copy
/// would let a proxy and this server disagree about a request, so duplicates are an error.
enum FormBody {
    static func parse(_ body: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), !name.isEmpty else { throw OAuthError.invalidRequest("malformed form body") }
            guard let value = decode(parts.count > 1 ? parts[1] : "") else { throw OAuthError.invalidRequest("malformed form body") }
            guard fields[name] == nil else { throw OAuthError.invalidRequest("parameter \(name) appears more than once") }
            fields[name] = value
        }
        return fields
    }

    static func decode(_ component: Substring) -> String? {
        String(component).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Percent-encodes a query value (for redirects back to the client).
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
