import Auth

/// The reverse proxies whose forwarding headers say who the client is.
///
/// Behind a proxy every request arrives from the proxy's address, so per-address limits would
/// lump all callers together and a loopback proxy would make everyone "local". Forwarding headers
/// are believed only from a trusted peer, and only up to the first hop that is not itself a
/// trusted proxy: everything left of that hop was written by the client and proves nothing.
public struct TrustedProxies: Sendable {
    public let networks: [IPNetwork]

    public init(_ networks: [IPNetwork] = []) {
        self.networks = networks
    }

    public var isEmpty: Bool { networks.isEmpty }

    public func trusts(_ address: IPAddress) -> Bool {
        networks.contains { $0.contains(address) }
    }

    /// The address of the client behind `peer`.
    ///
    /// `X-Forwarded-For` is read when present, otherwise `Forwarded` (RFC 7239): a proxy that
    /// writes one of them must overwrite or append to that one, since a client can send the other.
    /// Hops are walked from the right; the first untrusted hop is the client. A hop that is not
    /// an address (`unknown`, an obfuscated name, garbage) ends the walk at the last address
    /// known good, the proxy that forwarded it, so a bad header never yields a spoofed address.
    public func clientAddress(peer: IPAddress?, forwardedFor: [String], forwarded: [String]) -> IPAddress? {
        guard let peer = peer?.unmapped else { return nil }
        guard trusts(peer) else { return peer }
        let hops = forwardedFor.isEmpty ? Self.forwardedHops(forwarded) : Self.forwardedForHops(forwardedFor)
        var client = peer
        for hop in hops.reversed() {
            guard let address = hop?.unmapped else { return client }
            client = address
            if !trusts(address) { return address }
        }
        return client
    }

    /// The hops of `X-Forwarded-For` lines, oldest first; each is an address, optionally with a port.
    static func forwardedForHops(_ lines: [String]) -> [IPAddress?] {
        lines.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { parseNode($0.trimmingSpaces) }
    }

    /// The `for=` values of `Forwarded` lines, oldest first (RFC 7239 §4, §6).
    static func forwardedHops(_ lines: [String]) -> [IPAddress?] {
        lines.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { element -> IPAddress? in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces.lowercased() == "for" else { continue }
                var value = parts[1].trimmingSpaces
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                return parseNode(value)
            }
            return nil
        }
    }

    /// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]:443`.
    static func parseNode(_ text: String) -> IPAddress? {
        if let address = IPAddress(text) { return address }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":"), rest.dropFirst().allSatisfy(\.isNumber) else { return nil }
            return IPAddress(text[...close])
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy(\.isNumber) else { return nil }
        return IPAddress(parts[0])
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
