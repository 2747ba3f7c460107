import Foundation

/// Decides which browser `Origin`s may talk to the server (DNS-rebinding protection).
///
/// Requests without `Origin` come from non-browser clients (Claude's backend, SDKs) and pass.
/// A present Origin must be the server's own public origin, a configured one, or a loopback
/// origin; anything else, `null` included, is refused with 403.
public struct OriginPolicy: Sendable, Hashable {
    private let allowed: Set<String>

    public init(publicURL: URL, allowedOrigins: [String]) {
        var allowed = Set(allowedOrigins.map(Self.normalize))
        if let own = Self.origin(of: publicURL) { allowed.insert(own) }
        self.allowed = allowed
    }

    public func allows(_ origin: String?) -> Bool {
        guard let origin else { return true }
        let normalized = Self.normalize(origin)
        if allowed.contains(normalized) || allowed.contains("*") { return true }
        guard let url = URL(string: normalized), let host = url.host, url.scheme == "http" || url.scheme == "https" else {
            return false
        }
        return ["localhost", "127.0.0.1", "[::1]", "::1"].contains(host.lowercased())
    }

    static func normalize(_ origin: String) -> String {
        var text = origin.trimmingCharacters(in: .whitespaces).lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme, let host = url.host else { return nil }
        return normalize(url.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)")
    }
}
