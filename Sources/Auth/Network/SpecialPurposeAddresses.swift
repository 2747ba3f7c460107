/// The address blocks an outbound fetch on a stranger's behalf must never reach.
///
/// Every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its
/// updates), plus multicast and the reserved 240/4; for IPv6 anything outside the global unicast
/// space 2000::/3 as well. IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry.
/// NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16) are refused whole: a translator
/// would carry the connection to whatever IPv4 address is embedded, private ones included.
public enum SpecialPurposeAddresses {
    /// One registry entry: the block and why it is not a public host.
    public struct Block: Sendable {
        public let network: IPNetwork
        public let name: String
    }

    public static let blocks: [Block] = [
        // IPv4 (iana.org/assignments/iana-ipv4-special-registry)
        block("0.0.0.0/8", "this network"),
        block("10.0.0.0/8", "private use"),
        block("100.64.0.0/10", "shared address space (CGNAT)"),
        block("127.0.0.0/8", "loopback"),
        block("169.254.0.0/16", "link-local"),
        block("172.16.0.0/12", "private use"),
        block("192.0.0.0/24", "IETF protocol assignments"),
        block("192.0.2.0/24", "documentation (TEST-NET-1)"),
        block("192.31.196.0/24", "AS112-v4"),
        block("192.52.193.0/24", "AMT"),
        block("192.88.99.0/24", "deprecated 6to4 relay anycast"),
        block("192.168.0.0/16", "private use"),
        block("192.175.48.0/24", "direct delegation AS112 service"),
        block("198.18.0.0/15", "benchmarking"),
        block("198.51.100.0/24", "documentation (TEST-NET-2)"),
        block("203.0.113.0/24", "documentation (TEST-NET-3)"),
        block("224.0.0.0/4", "multicast"),
        block("240.0.0.0/4", "reserved (and limited broadcast)"),
        // IPv6 (iana.org/assignments/iana-ipv6-special-registry)
        block("::/96", "unspecified, loopback and deprecated IPv4-compatible"),
        block("64:ff9b::/96", "IPv4/IPv6 translation (NAT64)"),
        block("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
        block("100::/64", "discard-only"),
        block("100:0:0:1::/64", "dummy IPv6 prefix"),
        block("2001::/23", "IETF protocol assignments (Teredo, ORCHID, AS112…)"),
        block("2001:db8::/32", "documentation"),
        block("2002::/16", "6to4"),
        block("3fff::/20", "documentation"),
        block("5f00::/16", "segment routing SIDs"),
        block("fc00::/7", "unique local"),
        block("fe80::/10", "link-local"),
        block("fec0::/10", "deprecated site-local"),
        block("ff00::/8", "multicast"),
    ]

    /// The IPv6 space where public unicast hosts live; everything else is reserved or special.
    static let globalUnicast = block("2000::/3", "global unicast").network

    /// The registry entry `address` falls in, or nil for a public address.
    public static func block(containing address: IPAddress) -> Block? {
        let address = address.unmapped
        if let hit = blocks.first(where: { $0.network.contains(address) }) { return hit }
        if !address.isIPv4, !globalUnicast.contains(address) { return Block(network: globalUnicast, name: "outside global unicast") }
        return nil
    }

    public static func isPublic(_ address: IPAddress) -> Bool {
        block(containing: address) == nil
    }

    private static func block(_ cidr: StaticString, _ name: String) -> Block {
        // The table is literal and covered by tests; a typo must fail loudly at first use.
        guard let network = IPNetwork("\(cidr)") else { preconditionFailure("bad CIDR in the special-purpose table: \(cidr)") }
        return Block(network: network, name: name)
    }
}
