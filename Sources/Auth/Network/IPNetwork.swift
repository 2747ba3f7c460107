/// An address block in CIDR notation (`10.0.0.0/8`, `fc00::/7`); a bare address is a block of one.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    public init?(address: IPAddress, prefixLength: Int) {
        guard (0...(address.bytes.count * 8)).contains(prefixLength) else { return nil }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Parses `address` or `address/length`; bits beyond the prefix must be zero, so a typo like
    /// `10.0.0.1/8` is refused rather than silently widened.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0].trimmingSpaces) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard let parsed = Int(parts[1].trimmingSpaces), String(parsed) == parts[1].trimmingSpaces else { return nil }
            length = parsed
        } else {
            length = address.bytes.count * 8
        }
        self.init(address: address, prefixLength: length)
        guard Self.masked(address.bytes, prefixLength) == address.bytes else { return nil }
    }

    /// Whether `candidate` lies in the block; IPv4-mapped IPv6 candidates match IPv4 blocks.
    public func contains(_ candidate: IPAddress) -> Bool {
        var candidate = candidate
        if candidate.bytes.count != address.bytes.count {
            guard address.isIPv4, let mapped = candidate.mappedIPv4 else { return false }
            candidate = mapped
        }
        return Self.masked(candidate.bytes, prefixLength) == address.bytes
    }

    public var description: String { "\(address)/\(prefixLength)" }

    static func masked(_ bytes: [UInt8], _ prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = min(8, max(0, prefixLength - index * 8))
            return bits == 8 ? byte : byte & ~(UInt8(0xFF) >> bits)
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
