import Testing

@testable import Transports

@Suite("Accept-Encoding negotiation")
struct ContentCodingTests {
    @Test(
        "the coding chosen for each Accept-Encoding",
        arguments: [
            ("gzip", ContentCoding.gzip), ("deflate", .deflate), ("gzip, deflate, br", .gzip), ("deflate, gzip", .gzip),
            ("gzip;q=0.5, deflate", .deflate), ("GZIP;Q=1", .gzip), ("x-gzip", .gzip), ("*", .gzip), ("gzip;q=0, *", .deflate),
            ("br, zstd", nil), ("identity", nil), ("gzip;q=0, deflate;q=0", nil), ("*;q=0", nil), ("", nil), (" , ;q=1", nil),
            ("gzip;q=abc", nil),
        ] as [(String, ContentCoding?)]
    )
    func negotiate(_ header: String, _ expected: ContentCoding?) {
        #expect(ContentCoding.negotiate(header) == expected)
    }

    @Test("no header means identity")
    func absent() {
        #expect(ContentCoding.negotiate(nil) == nil)
    }
}
