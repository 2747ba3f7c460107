import Foundation

/// The resources this server protects and the RFC 8707 / RFC 9728 rules that bind tokens to them.
///
/// The public base URL is the issuer and the root resource; `/mcp` and `/sse` are the endpoint
/// resources. A token's audience is one of these three canonical strings, and audience checks
/// follow the path hierarchy of RFC 9728 §3.1 (one metadata document per endpoint): the root covers every endpoint, an endpoint
/// covers only itself (`/messages` belongs to `/sse`).
public struct ResourceIndicator: Sendable, Hashable {
    /// The issuer and root resource, without a trailing slash (e.g. `https://host` or `http://127.0.0.1:8080`).
    public let base: String

    public static let endpointPaths = ["/mcp", "/sse"]

    /// - Parameter publicBaseURL: scheme, host, optional port and optional path prefix; a trailing slash is dropped.
    public init(publicBaseURL: String) {
        var base = publicBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// Every canonical resource: the root, then each endpoint.
    public var all: [String] { [base] + Self.endpointPaths.map { base + $0 } }

    public func resource(forEndpointPath path: String) -> String { base + path }

    /// Maps a client's `resource` parameter to its canonical form, or nil when it names something else.
    ///
    /// Accepts any case of scheme and host and one trailing slash; everything else must match
    /// exactly, so a foreign host, a fragment, a query or another path is refused (`invalid_target`).
    public func canonicalize(_ raw: String) -> String? {
        guard let given = URLComponents(string: raw), let ours = URLComponents(string: base),
            let scheme = given.scheme?.lowercased(), let host = given.host?.lowercased(),
            given.fragment == nil, given.query == nil, given.user == nil, given.password == nil,
            scheme == ours.scheme?.lowercased(), host == ours.host?.lowercased(), given.port == ours.port
        else { return nil }
        var path = given.path
        if path.hasSuffix("/") { path.removeLast() }
        let candidate = base + String(path.dropFirst(ours.path.count))
        guard path.hasPrefix(ours.path), all.contains(candidate) else { return nil }
        return candidate
    }

    /// Whether a token issued for `audience` may be used at the endpoint whose resource is `endpoint`.
    public func audience(_ audience: String, covers endpoint: String) -> Bool {
        audience == endpoint || audience == base && endpoint.hasPrefix(base)
    }
}
