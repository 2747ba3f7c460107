import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Storage
import TestSupport
import Testing

@testable import App
@testable import Transports

@Suite("Edge trust: client address behind proxies, Host validation, loopback origins", .removesTemporaryFolders)
struct EdgeTrustTests {
    static func ip(_ text: String) -> IPAddress { IPAddress(text)! }
    static let proxies = TrustedProxies([IPNetwork("127.0.0.1")!, IPNetwork("10.0.0.0/8")!, IPNetwork("fd00::/8")!])

    @Test("an untrusted peer is the client, whatever it forwards")
    func untrustedPeer() {
        let address = Self.proxies.clientAddress(peer: Self.ip("203.0.113.9"), forwardedFor: ["1.2.3.4"], forwarded: ["for=5.6.7.8"])
        #expect(address == Self.ip("203.0.113.9"))
        #expect(TrustedProxies().clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: ["1.2.3.4"], forwarded: []) == Self.ip("127.0.0.1"))
    }

    @Test("a trusted peer: the chain is walked from the right to the first untrusted hop; spoofed hops to its left are ignored")
    func walkFromTheRight() {
        let spoofed = ["6.6.6.6, 198.51.100.7, 10.1.2.3"]
        #expect(Self.proxies.clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: spoofed, forwarded: []) == Self.ip("198.51.100.7"))
        // Several header lines are one list, in order.
        #expect(
            Self.proxies.clientAddress(peer: Self.ip("::ffff:127.0.0.1"), forwardedFor: ["6.6.6.6", "198.51.100.7:5123"], forwarded: [])
                == Self.ip("198.51.100.7")
        )
        // All hops trusted: the leftmost is the client.
        #expect(Self.proxies.clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: ["10.0.0.5, 10.0.0.6"], forwarded: []) == Self.ip("10.0.0.5"))
        // No header: the proxy itself.
        #expect(Self.proxies.clientAddress(peer: Self.ip("10.9.9.9"), forwardedFor: [], forwarded: []) == Self.ip("10.9.9.9"))
        // IPv6 hops, bracketed with ports or bare.
        #expect(
            Self.proxies.clientAddress(peer: Self.ip("fd00::1"), forwardedFor: ["[2001:db8::5]:443, fd00::2"], forwarded: [])
                == Self.ip("2001:db8::5")
        )
    }

    @Test("a hop that is not an address stops the walk at the proxy that forwarded it")
    func garbageHop() {
        #expect(Self.proxies.clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: ["1.2.3.4, unknown"], forwarded: []) == Self.ip("127.0.0.1"))
        #expect(
            Self.proxies.clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: ["1.2.3.4, not an ip, 10.0.0.8"], forwarded: [])
                == Self.ip("10.0.0.8")
        )
        #expect(Self.proxies.clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: [""], forwarded: []) == Self.ip("127.0.0.1"))
    }

    @Test("Forwarded (RFC 7239) is read when X-Forwarded-For is absent; X-Forwarded-For wins when both are present")
    func forwardedHeader() {
        let forwarded = [#"for=6.6.6.6, for="[2001:db8:cafe::17]:4711";proto=https;by=10.0.0.1, For=10.0.0.9"#]
        #expect(Self.proxies.clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: [], forwarded: forwarded) == Self.ip("2001:db8:cafe::17"))
        #expect(
            Self.proxies.clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: ["198.51.100.1"], forwarded: forwarded) == Self.ip("198.51.100.1")
        )
        #expect(Self.proxies.clientAddress(peer: Self.ip("127.0.0.1"), forwardedFor: [], forwarded: ["for=_hidden"]) == Self.ip("127.0.0.1"))
    }

    @Test("Host validation: the public host, configured hosts and loopback names, any port; nothing else")
    func hostPolicy() {
        let policy = HostPolicy(publicURL: URL(string: "https://MCP.example.com")!, allowedHosts: ["alias.example", "192.0.2.10"])
        for good in [
            "mcp.example.com", "MCP.EXAMPLE.COM:443", "mcp.example.com.", "alias.example:8080", "192.0.2.10", "localhost:1234", "127.0.0.1",
            "127.9.9.9:80", "[::1]:8080", "[::1]",
        ] {
            #expect(policy.allows(authority: good), "\(good)")
        }
        for bad in [
            nil, "", "attacker.example", "attacker.example:8080", "mcp.example.com.attacker.example", "localhost.attacker.example", "[::1",
            "127.0.0.1:80:80", "a b", "[::2]", "10.0.0.1",
        ] {
            #expect(!policy.allows(authority: bad), "\(bad ?? "nil")")
        }
        #expect(HostPolicy.isLoopbackName("[::1]") && HostPolicy.isLoopbackName("LOCALHOST") && !HostPolicy.isLoopbackName("example.com"))
    }

    @Test("loopback Origins pass only when the server binds loopback")
    func loopbackOrigins() {
        let url = URL(string: "https://mcp.example.com")!
        let local = OriginPolicy(publicURL: url, allowedOrigins: [], allowsLoopbackOrigins: true)
        let exposed = OriginPolicy(publicURL: url, allowedOrigins: ["https://allowed.example"], allowsLoopbackOrigins: false)
        #expect(local.allows("http://localhost:6274") && local.allows("http://127.0.0.1:3000"))
        #expect(!exposed.allows("http://localhost:6274") && !exposed.allows("http://127.0.0.1:3000") && !exposed.allows("http://[::1]:3000"))
        #expect(exposed.allows("https://mcp.example.com") && exposed.allows("https://allowed.example") && exposed.allows(nil))
    }

    @Test(
        "settings: proxies, hosts and the metadata hosts file are validated and named when wrong; /metrics trusts loopback only without proxies and with a loopback public URL"
    )
    func settings() throws {
        let base = ["DISCOGS_MCP_DATABASE": TestServer.temporaryDatabase()]
        let good = try ServerConfiguration.resolve(
            flags: [:],
            environment: base.merging([
                "DISCOGS_MCP_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8,fd00::/8", "DISCOGS_MCP_ALLOWED_HOSTS": "a.example, [::1]",
            ]) { $1 }
        )
        #expect(good.trustedProxies.map(\.description) == ["127.0.0.1/32", "10.0.0.0/8", "fd00::/8"])
        #expect(good.allowedHosts == ["a.example", "[::1]"])
        #expect(!good.metricsTrustsLoopback)
        let plain = try ServerConfiguration.resolve(flags: [:], environment: base)
        #expect(plain.metricsTrustsLoopback && plain.trustedProxies.isEmpty)
        let publicURL = try ServerConfiguration.resolve(
            flags: [:],
            environment: base.merging(["DISCOGS_MCP_PUBLIC_URL": "https://mcp.example.com"]) { $1 }
        )
        #expect(!publicURL.metricsTrustsLoopback)
        let hosts = FileManager.default.temporaryDirectory.appendingPathComponent("edge-hosts-\(UUID().uuidString)")
        try "93.184.216.34 mixed.invalid\n::1 mixed.invalid\n".write(to: hosts, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: hosts) }
        let pinned = try ServerConfiguration.resolve(flags: [:], environment: base.merging(["DISCOGS_MCP_CLIENT_METADATA_HOSTS": hosts.path]) { $1 })
        let resolver = try #require(pinned.clientMetadataResolver as? StaticHostResolver)
        #expect(resolver.entries["mixed.invalid"] == [IPAddress("93.184.216.34")!, IPAddress("::1")!] && resolver.fallback != nil)
        try "not-an-address mixed.invalid\n".write(to: hosts, atomically: true, encoding: .utf8)
        for (name, value) in [
            ("DISCOGS_MCP_CLIENT_METADATA_HOSTS", hosts.path), ("DISCOGS_MCP_CLIENT_METADATA_HOSTS", "/nonexistent/hosts"),
            ("DISCOGS_MCP_TRUSTED_PROXIES", "10.0.0.1/8"), ("DISCOGS_MCP_TRUSTED_PROXIES", "proxy.local"),
            ("DISCOGS_MCP_ALLOWED_HOSTS", "https://a.example/"),
        ] {
            #expect(throws: ConfigurationError.self, "\(name)=\(value)") {
                try ServerConfiguration.resolve(flags: [:], environment: base.merging([name: value]) { $1 })
            }
        }
    }

    @Test("the configured metadata resolver reaches the authorization server's document fetcher")
    func metadataResolverWiring() async throws {
        var configuration = TestServer.configuration(database: TestServer.temporaryDatabase())
        configuration.clientMetadataResolver = StaticHostResolver(["mixed.invalid": [IPAddress("::1")!]])
        let database = try Database(path: configuration.databasePath)
        let secret = try ServerSecret.resolve(configured: configuration.secret, dataDirectory: configuration.dataDirectory)
        let documents = try #require(OAuthServer.make(configuration, database: database, secret: secret).documents)
        let policy = await documents.policy
        let resolver = try #require(policy.resolver as? StaticHostResolver)
        #expect(resolver.entries["mixed.invalid"] == [IPAddress("::1")!])
        try database.close()
    }

    static func serve(
        trustedProxies: [IPNetwork] = [],
        metricsToken: String? = nil,
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var configuration = TestServer.configuration(database: TestServer.temporaryDatabase())
        configuration.trustedProxies = trustedProxies
        configuration.metricsToken = metricsToken
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let built = try buildApplication(configuration, dependencies: AppDependencies(logger: logger))
        try await built.application.test(.live, body)
    }

    /// Sends one request with its own `Host` over a fresh connection.
    static func raw(port: Int, _ request: TestClient.Request) async throws -> TestClient.Response {
        let client = TestClient(host: "127.0.0.1", port: port)
        client.connect()
        do {
            let response = try await client.execute(request)
            try await client.shutdown()
            return response
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    @Test("in process: a foreign Host gets 421 with a clear body on every route but the health probes")
    func misdirected() async throws {
        try await Self.serve { tester in
            let port = tester.port ?? 0
            for (method, path) in [
                (HTTPRequest.Method.post, "/mcp"), (.get, "/mcp"), (.get, "/sse"), (.post, "/messages?sessionId=x"), (.get, "/metrics"),
                (.get, "/nowhere"),
            ] {
                let request = TestClient.Request(
                    path,
                    method: method,
                    authority: "attacker.example:8080",
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: "{}")
                )
                let response = try await Self.raw(port: port, request)
                #expect(response.status == .misdirectedRequest, "\(method) \(path)")
                #expect(String(buffer: response.body ?? ByteBuffer()).contains("DISCOGS_MCP_ALLOWED_HOSTS"))
            }
            let health = try await Self.raw(port: port, TestClient.Request("/healthz", method: .get, authority: "10.1.2.3:8080"))
            #expect(health.status == .ok)
            let local = try await Self.raw(port: port, TestClient.Request("/metrics", method: .get, authority: "127.0.0.1:8080"))
            #expect(local.status == .ok)
        }
    }

    @Test("in process: with a trusted loopback proxy, /metrics refuses a tokenless loopback scrape and says what is needed")
    func metricsBehindProxy() async throws {
        try await Self.serve(trustedProxies: [IPNetwork("127.0.0.1")!]) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("DISCOGS_MCP_METRICS_TOKEN"))
        }
        try await Self.serve(trustedProxies: [IPNetwork("127.0.0.1")!], metricsToken: "t0k3n") { client in
            let response = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer t0k3n"])
            #expect(response.status == .ok)
        }
    }
}
