import Foundation
import Testing

@testable import Discogs

/// Issue 10, point 5: `fetch_image` fetches only from allowed hosts, over a connection pinned to a
/// checked address.
@Suite("Image host policy")
struct ImageHostPolicyTests {
    /// Answers chosen addresses per name, or refuses (a name with a private record).
    struct ChosenAddresses: ImageAddressVetting {
        let table: [String: [String]]
        struct Refused: Error {}
        func vettedAddresses(of host: String) async throws -> [String] {
            guard let addresses = table[host] else { throw Refused() }
            return addresses
        }
    }

    static func url(_ text: String) throws -> URL { try #require(URL(string: text)) }

    @Test("hosts off the list, and allowed names whose addresses are not all public, are refused before any connection")
    func refusals() async throws {
        let policy = ImageHostPolicy(hosts: ["i.discogs.com", "rebound.test"], vetter: ChosenAddresses(table: ["i.discogs.com": ["198.41.0.4"]]))
        await #expect(throws: ImageFetchError.disallowedHost("169.254.169.254")) {
            _ = try await policy.route(for: try Self.url("http://169.254.169.254/latest/meta-data"))
        }
        await #expect(throws: ImageFetchError.disallowedHost("i.discogs.com.evil.example")) {
            _ = try await policy.route(for: try Self.url("https://i.discogs.com.evil.example/x.jpg"))
        }
        await #expect(throws: ImageFetchError.privateAddress("rebound.test")) {
            _ = try await policy.route(for: try Self.url("https://rebound.test/x.jpg"))
        }
        await #expect(throws: ImageFetchError.unsupportedURL("file:///etc/passwd")) {
            _ = try await policy.route(for: try Self.url("file:///etc/passwd"))
        }
        #expect(try await policy.route(for: try Self.url("https://I.Discogs.com/abc/x.jpg")) == .pinned(host: "i.discogs.com", address: "198.41.0.4"))
    }

    @Test("only the exact trusted origin skips the address check")
    func trustedOrigin() async throws {
        let policy = ImageHostPolicy(hosts: [], trustedOrigins: ["http://127.0.0.1:4567"], vetter: ChosenAddresses(table: [:]))
        #expect(try await policy.route(for: try Self.url("http://127.0.0.1:4567/images/a.png")) == .direct)
        await #expect(throws: ImageFetchError.disallowedHost("127.0.0.1")) {
            _ = try await policy.route(for: try Self.url("http://127.0.0.1:4568/images/a.png"))
        }
    }

    @Test("a pinned fetch connects to the checked address, not to whatever the name resolves to")
    func pinnedConnection() async throws {
        try await ImageFetchTests.run { base, seen in
            let port = try #require(URL(string: base)?.port)
            // `cdn.invalid` resolves nowhere: the image can only arrive through the pinned address.
            let policy = ImageHostPolicy(hosts: ["cdn.invalid"], vetter: ChosenAddresses(table: ["cdn.invalid": ["127.0.0.1"]]))
            let client = DiscogsClient(configuration: DiscogsStub.configuration(port: 1), imagePolicy: policy)
            let image = try await client.fetchImage(try Self.url("http://cdn.invalid:\(port)/img/hop"), maxBytes: 1 << 20)
            try await client.shutdown()
            #expect(Array(image.data) == ImageFetchTests.png)
            #expect(await seen.paths == ["/img/hop", "/img/cover.png"])
        }
    }
}
