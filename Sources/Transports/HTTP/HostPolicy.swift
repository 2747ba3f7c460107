import Auth
import Foundation

/// Decides which `Host` headers the server answers (the DNS-rebinding guard that `Origin` cannot be).
///
/// A rebinding page reaches the server under the attacker's name, and browsers send no `Origin`
/// on same-origin GETs, so `GET /sse` would pass an Origin check; its `Host` header still names
/// the attacker. Accepted: the public URL's host, configured names, and loopback names
/// (`localhost`, 127.0.0.0/8, ::1), which a rebinding page cannot produce. The port is not
/// compared: proxies and port mappings change it, and it does not tell attacker from user.
public struct HostPolicy: Sendable, Hashable {
    private let allowed: Set<String>

    public init(publicURL: URL, allowedHosts: [String]) {
        var allowed = Set(allowedHosts.compactMap { Self.normalizedHost($0) })
        if let own = publicURL.host.flatMap({ Self.normalizedHost($0) }) { allowed.insert(own) }
        self.allowed = allowed
    }

    /// Whether a request with this `Host` (an authority: `name[:port]` or `[v6][:port]`) is served.
    public func allows(authority: String?) -> Bool {
        guard let authority, let host = Self.hostName(ofAuthority: authority) else { return false }
        return allowed.contains(host) || Self.isLoopbackName(host)
    }

    /// Whether `host` (any spelling: brackets, case, trailing dot) is a loopback name.
    public static func isLoopbackName(_ host: String) -> Bool {
        guard let host = normalizedHost(host) else { return false }
        return host == "localhost" || (IPAddress(host)?.isLoopback ?? false)
    }

    /// Whether `name` is a bare host name or address, as `DISCOGS_MCP_ALLOWED_HOSTS` takes them.
    public static func isValidHostName(_ name: String) -> Bool {
        normalizedHost(name) != nil
    }

    /// The host part of an authority, lowercased, without brackets or a trailing dot; nil if malformed.
    static func hostName(ofAuthority authority: String) -> String? {
        let text = authority.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber) else { return nil }
            return normalizedHost(String(text[text.index(after: text.startIndex)..<close]))
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.count == 1 || parts[1].allSatisfy(\.isNumber) else { return nil }
        return normalizedHost(String(parts[0]))
    }

    /// A configured or advertised host name in the form requests are compared in.
    static func normalizedHost(_ name: String) -> String? {
        var name = name.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, name.count <= 253 else { return nil }
        if let address = IPAddress(name) { return address.description }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) else { return nil }
        return name
    }
}
