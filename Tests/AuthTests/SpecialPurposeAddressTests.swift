import Auth
import Testing

@Suite("Special-purpose address table")
struct SpecialPurposeAddressTests {
    static func address(_ text: String) throws -> IPAddress {
        try #require(IPAddress(text), "\(text) must parse")
    }

    /// Tests only: a literal known to parse.
    static func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    /// The first and last address of a block.
    static func edges(_ network: IPNetwork) -> (IPAddress, IPAddress) {
        let bytes = network.address.bytes
        let last = bytes.enumerated().map { index, byte -> UInt8 in
            let bits = min(8, max(0, network.prefixLength - index * 8))
            return bits == 8 ? byte : byte | (UInt8(0xFF) >> bits)
        }
        return (network.address, IPAddress(bytes: last)!)
    }

    @Test("every block of the table refuses its first and last address, and their IPv4-mapped forms")
    func everyBlockEdge() throws {
        for block in SpecialPurposeAddresses.blocks {
            let (first, last) = Self.edges(block.network)
            #expect(!SpecialPurposeAddresses.isPublic(first), "\(first) (\(block.name))")
            #expect(!SpecialPurposeAddresses.isPublic(last), "\(last) (\(block.name))")
            if first.isIPv4 {
                for edge in [first, last] {
                    let mapped = try Self.address("::ffff:\(edge)")
                    #expect(!SpecialPurposeAddresses.isPublic(mapped), "\(mapped) (mapped \(block.name))")
                }
            }
        }
    }

    @Test(
        "the addresses just outside each IPv4 block are public",
        arguments: [
            "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0",
            "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "191.255.255.255", "192.0.1.0", "192.0.3.0",
            "192.31.195.255", "192.31.197.0", "192.52.192.255", "192.52.194.0", "192.88.98.255", "192.88.100.0", "192.167.255.255",
            "192.169.0.0", "192.175.47.255", "192.175.49.0", "198.17.255.255", "198.20.0.0", "198.51.99.255", "198.51.101.0",
            "203.0.112.255", "203.0.114.0", "223.255.255.255", "8.8.8.8", "93.184.216.34",
        ]
    )
    func publicIPv4(_ text: String) throws {
        #expect(SpecialPurposeAddresses.isPublic(try Self.address(text)))
        #expect(SpecialPurposeAddresses.isPublic(try Self.address("::ffff:\(text)")), "mapped \(text)")
    }

    @Test(
        "the issue's missing ranges and the IPv6 special blocks are refused",
        arguments: [
            "198.18.0.0", "198.19.255.255", "192.0.0.8", "192.0.0.170", "64:ff9b::", "64:ff9b::7f00:1", "64:ff9b::808:808",
            "64:ff9b:1::1", "fec0::1", "feff:ffff::1", "fe80::1", "febf::1", "fc00::1", "fdff:ffff::1", "ff02::1", "::", "::1",
            "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:10.0.0.1", "100::1", "100:0:0:1::1", "2001::1",
            "2001:1ff:ffff::1", "2001:db8::1", "2002::1", "2002:0a00:0001::1", "3fff::1", "3fff:fff::1", "5f00::1", "4000::1",
            "1fff:ffff::1", "255.255.255.255", "240.0.0.1", "224.0.0.1", "0.0.0.0",
        ]
    )
    func refused(_ text: String) throws {
        #expect(!SpecialPurposeAddresses.isPublic(try Self.address(text)), "\(text)")
    }

    @Test(
        "public IPv6 next to the blocks",
        arguments: ["2001:200::1", "2001:4860:4860::8888", "2003::1", "3fff:1000::1", "2606:4700:4700::1111", "2000::1", "3fff:ffff::1"]
    )
    func publicIPv6(_ text: String) throws {
        #expect(SpecialPurposeAddresses.isPublic(try Self.address(text)), "\(text)")
    }

    @Test("parsing is strict: no zone ids, no short forms, brackets allowed")
    func parsing() throws {
        for bad in ["127.1", "fe80::1%eth0", "1.2.3.4.5", "", "::g", "256.1.1.1", "example.com", "1.2.3.4 "] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
        #expect(Self.ip("[::1]") == Self.ip("::1"))
        #expect(Self.ip("::ffff:127.0.0.1").unmapped == Self.ip("127.0.0.1"))
        #expect(Self.ip("2001:DB8:0:0:0:0:0:1").description == "2001:db8::1")
        #expect(Self.ip("1:0:0:2:0:0:0:3").description == "1:0:0:2::3")
    }

    @Test("CIDR blocks: host bits must be zero, lengths bounded, IPv4 blocks match mapped addresses")
    func networks() throws {
        for bad in ["10.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "x/8"] {
            #expect(IPNetwork(bad) == nil, "\(bad)")
        }
        let net = try #require(IPNetwork("10.0.0.0/8"))
        #expect(net.contains(Self.ip("10.255.0.1")) && net.contains(Self.ip("::ffff:10.0.0.1")))
        #expect(!net.contains(Self.ip("11.0.0.0")) && !net.contains(Self.ip("::1")))
        let single = try #require(IPNetwork("2001:db8::7"))
        #expect(single.prefixLength == 128 && single.contains(Self.ip("2001:db8:0::7")) && !single.contains(Self.ip("2001:db8::8")))
        #expect(try #require(IPNetwork("::/0")).contains(Self.ip("2001:db8::1")))
    }
}
