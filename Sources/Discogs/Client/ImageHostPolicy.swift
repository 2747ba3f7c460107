import Foundation

/// Where `fetch_image` may download from: the SSRF fence of a tool that fetches URLs found in
/// Discogs answers (or in a tampered cache, or a compromised upstream).
///
/// A URL passes when its host is on the allow-list (Discogs' image CDN by default) and every
/// address the host resolves to is public; the download then connects to one of those checked
/// addresses, so a name cannot be rebound to a private address between the check and the connect.
/// Exact trusted origins (the in-process sandbox's own image host on loopback) skip the address
/// check: they are the server's own, not a stranger's.
public struct ImageHostPolicy: Sendable {
    /// Discogs' image hosts (`i.discogs.com` today; the older names still appear in old bodies).
    public static let discogsHosts = ["i.discogs.com", "img.discogs.com", "st.discogs.com"]

    /// Lower-cased host names images may come from; nil lets any host through (tests only).
    public var hosts: Set<String>?
    /// `scheme://host:port` origins fetched without the address check (the sandbox's image host).
    public var trustedOrigins: Set<String>
    /// Resolves a host and vouches that every address is public; nil leaves every allowed host unchecked
    /// (only for tests whose stub image host is on loopback).
    public var vetter: (any ImageAddressVetting)?

    public init(hosts: [String] = discogsHosts, trustedOrigins: [String] = [], vetter: (any ImageAddressVetting)?) {
        self.hosts = Set(hosts.map { $0.lowercased() })
        self.trustedOrigins = Set(trustedOrigins.compactMap { URL(string: $0).flatMap(Self.origin) })
        self.vetter = vetter
    }

    /// Where to send the request for `url`: through the shared client (a trusted origin, or no
    /// vetter), or pinned to a checked address. Throws `ImageFetchError.disallowedHost` otherwise.
    func route(for url: URL) async throws -> ImageRoute {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", let host = url.host?.lowercased(), !host.isEmpty else {
            throw ImageFetchError.unsupportedURL(url.absoluteString)
        }
        if let origin = Self.origin(of: url), trustedOrigins.contains(origin) { return .direct }
        guard let hosts else { return .direct }
        guard hosts.contains(host) else { throw ImageFetchError.disallowedHost(host) }
        guard let vetter else { return .direct }
        let addresses: [String]
        do {
            addresses = try await vetter.vettedAddresses(of: host)
        } catch {
            throw ImageFetchError.privateAddress(host)
        }
        guard let first = addresses.first else { throw ImageFetchError.privateAddress(host) }
        return .pinned(host: host, address: first)
    }

    /// Any host, unchecked: for tests whose stub image host is on loopback, never for a server.
    public static let unrestricted: ImageHostPolicy = {
        var policy = ImageHostPolicy(vetter: nil)
        policy.hosts = nil
        return policy
    }()

    /// `scheme://host:port` with the default port spelled out, lower-cased.
    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }

    /// Whether `text` is a bare host name (no scheme, port, path or spaces), for the setting's check.
    public static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" } && !text.hasPrefix(".") && !text.hasPrefix("-")
    }
}

/// How one image request travels.
enum ImageRoute: Sendable, Equatable {
    /// Through the client's shared connection pool.
    case direct
    /// Over a connection to `address` (checked), keeping `host` for Host, SNI and certificate checks.
    case pinned(host: String, address: String)
}

/// Resolves a host name and vouches that every address it has is public (the CIMD guard, shared).
public protocol ImageAddressVetting: Sendable {
    /// The host's addresses, all public, in connection order; throws when any is not public or none resolve.
    func vettedAddresses(of host: String) async throws -> [String]
}
