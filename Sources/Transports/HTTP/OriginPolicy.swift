import Foundation

/// Decides which browser `Origin`s may talk to the server (DNS-rebinding protection).
///
/// Requests without `Origin` come from non-browser clients (Claude's backend, SDKs) and pass.
/// A present Origin must be the server's own public origin, a configured one, or (only when the
/// server itself listens on loopback) a loopback origin; anything else, `null` included, is
/// refused with 403. A public server has no reason to trust pages served from its visitors'
/// own machines, which any local program can serve.
public struct OriginPolicy: Sendable, Hashable {
    private let allowed: Set<String>
    private let allowsLoopback: Bool

    public init(publicURL: URL, allowedOrigins: [String], allowsLoopbackOrigins: Bool = true) {
        var allowed = Set(allowedOrigins.map(Self.normalize))
        if let own = Self.origin(of: publicURL) { allowed.insert(own) }
        self.allowed = allowed
        self.allowsLoopback = allowsLoopbackOrigins
    }

    public func allows(_ origin: String?) -> Bool {
        guard let origin else { return true }
        let normalized = Self.normalize(origin)
        if allowed.contains(normalized) || allowed.contains("*") { return true }
        guard allowsLoopback, let url = URL(string: normalized), let host = url.host, url.scheme == "http" || url.scheme == "https" else {
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
