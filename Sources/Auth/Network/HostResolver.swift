import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a host name into every address it has (A and AAAA alike).
///
/// A protocol so the metadata-document fence can be proven against names with chosen records
/// (a public A next to a loopback AAAA) without touching the machine's DNS or `/etc/hosts`.
public protocol HostResolver: Sendable {
    /// All addresses of `host`, deduplicated; empty when it has none. Throws when the lookup fails.
    func addresses(of host: String) async throws -> [IPAddress]
}

/// The system resolver (`getaddrinfo`, so `/etc/hosts` and DNS), run off the cooperative pool.
public struct SystemHostResolver: HostResolver {
    public init() {}

    public func addresses(of host: String) async throws -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        return try await NIOThreadPool.singleton.runIfActive { try Self.lookUp(host) }
    }

    struct LookupFailed: Error {}

    static func lookUp(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { throw LookupFailed() }
        defer { freeaddrinfo(first) }
        var found: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor?.pointee {
            cursor = entry.ai_next
            guard let socketAddress = entry.ai_addr else { continue }
            let address: IPAddress?
            switch entry.ai_family {
            case AF_INET:
                address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var raw = pointer.pointee.sin_addr
                    return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
                }
            case AF_INET6:
                address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var raw = pointer.pointee.sin6_addr
                    return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
                }
            default:
                address = nil
            }
            if let address, !found.contains(address) { found.append(address) }
        }
        return found
    }
}

/// A fixed table of names and their addresses, consulted before another resolver.
///
/// Tests serve chosen records with it; operators can pin names (a hosts(5)-format file) in
/// split-horizon networks. Pinned addresses still pass the same public-address fence.
public struct StaticHostResolver: HostResolver {
    public let entries: [String: [IPAddress]]
    public let fallback: (any HostResolver)?

    public init(_ entries: [String: [IPAddress]], fallback: (any HostResolver)? = nil) {
        self.entries = Dictionary(entries.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        self.fallback = fallback
    }

    /// Reads hosts(5) text: `address name [aliases…]` per line, `#` comments; a name listed on
    /// several lines gets all their addresses (that is how a name gets both an A and an AAAA).
    public init(hostsFile text: String, fallback: (any HostResolver)? = nil) throws(HostsFileError) {
        var entries: [String: [IPAddress]] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = fields.first else { continue }
            guard let address = IPAddress(first), fields.count > 1 else { throw HostsFileError(line: index + 1) }
            for name in fields.dropFirst() {
                let key = name.lowercased()
                if !(entries[key]?.contains(address) ?? false) { entries[key, default: []].append(address) }
            }
        }
        self.init(entries, fallback: fallback)
    }

    public func addresses(of host: String) async throws -> [IPAddress] {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if let pinned = entries[name] { return pinned }
        if let literal = IPAddress(host) { return [literal] }
        return try await fallback?.addresses(of: host) ?? []
    }
}

/// A hosts file line that is not `address name…`.
public struct HostsFileError: Error, CustomStringConvertible {
    public let line: Int
    public var description: String { "line \(line) is not \"address name [aliases…]\"" }
}
