import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@Suite("Client ID Metadata Documents")
struct ClientMetadataDocumentTests {
    static func documentApp() -> Application<RouterResponder<BasicRequestContext>> {
        let router = Router()
        router.get("/client.json") { request, _ -> Response in
            let url = "http://\(request.head.authority ?? "127.0.0.1")/client.json"
            let body =
                #"{"client_id":"\#(url)","client_name":"Doc Client","redirect_uris":["\#(Fixtures.redirect)"],"token_endpoint_auth_method":"none"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/big.json") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: String(repeating: " ", count: 200_000) + "{}"))
            )
        }
        router.get("/other.json") { _, _ -> Response in
            let body = #"{"client_id":"https://elsewhere.example/client.json","redirect_uris":["\#(Fixtures.redirect)"]}"#
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/moved.json") { _, _ -> Response in
            Response(status: .found, headers: [.location: "https://elsewhere.example/client.json"])
        }
        return Application(router: router)
    }

    static func testing() -> ClientMetadataDocuments {
        var policy = ClientMetadataDocuments.Policy()
        policy.allowInsecureForTesting = true
        return ClientMetadataDocuments(policy: policy)
    }

    @Test("a document client authorizes: fetched, self-named, redirect URI checked, stored for the foreign keys")
    func documentClient() async throws {
        let temp = TempDatabase()
        defer { temp.cleanup() }
        let database = try temp.open()
        let vault = Fixtures.vault(database, clock: TestClock())
        let documents = Self.testing()
        await vault.useClientMetadataDocuments(documents)
        try await Self.documentApp().test(.live) { client in
            let url = "http://127.0.0.1:\(client.port ?? 0)/client.json"
            let record = try #require(try await vault.resolveClient(id: url))
            #expect(record.clientID == url && record.authMethod == "none" && record.redirectURIs == [Fixtures.redirect])
            let validator = AuthorizeValidator(vault: vault, supportedScopes: Fixtures.scopes, defaultScopes: ["read"])
            var parameters = AuthorizeRoutesTests.valid(url)
            parameters["scope"] = "read"
            guard case .consent(let request) = try await validator.validate(parameters) else {
                Issue.record("a valid document client must reach consent")
                return
            }
            #expect(request.clientName == "Doc Client")
            // Codes reference the client table: issuing one must work.
            _ = try await vault.issueCode(Fixtures.binding(clientID: url))
            for path in ["/big.json", "/other.json", "/moved.json"] {
                await #expect(throws: OAuthError.self) { try await documents.client(at: "http://127.0.0.1:\(client.port ?? 0)\(path)") }
            }
        }
        try await documents.shutdown()
        try database.close()
    }

    @Test("without the test switch: http, loopback, private and other special addresses are refused before any fetch, unnamed")
    func ssrfFence() async throws {
        let documents = ClientMetadataDocuments()
        let literals = [
            "127.0.0.1", "10.1.2.3", "[::1]", "192.168.0.4", "169.254.169.254", "198.18.0.1", "192.0.0.8", "[64:ff9b::7f00:1]", "[fec0::1]",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[2002:7f00:1::1]", "100.64.0.1",
        ]
        for url in ["http://example.com/client.json"] + literals.map({ "https://\($0)/c" }) {
            do {
                _ = try await documents.client(at: url)
                Issue.record("\(url) must be refused")
            } catch let error as OAuthError {
                #expect(error.code == "invalid_client")
            }
        }
        try await documents.shutdown()
    }

    /// A policy whose names come from `records` (no DNS, no /etc/hosts), with the fence on.
    static func fenced(_ records: [String: [String]]) -> ClientMetadataDocuments {
        var policy = ClientMetadataDocuments.Policy()
        policy.resolver = StaticHostResolver(records.mapValues { $0.compactMap { IPAddress($0) } })
        return ClientMetadataDocuments(policy: policy)
    }

    @Test("a name with a public A and a loopback AAAA (or any private record among public ones) is refused, and the error names no address")
    func everyResolvedAddressIsChecked() async throws {
        let documents = Self.fenced([
            "mixed.example": ["93.184.216.34", "::1"],
            "mixed-v4.example": ["93.184.216.34", "8.8.8.8", "10.9.8.7"],
            "db.corp.internal": ["10.20.30.40"],
            "nat64.example": ["2606:4700::1", "64:ff9b::a14:1e28"],
        ])
        for host in ["mixed.example", "mixed-v4.example", "db.corp.internal", "nat64.example", "missing.invalid"] {
            do {
                _ = try await documents.client(at: "https://\(host)/client.json")
                Issue.record("\(host) must be refused")
            } catch let error as OAuthError {
                #expect(error.code == "invalid_client")
                for leaked in ["93.184", "::1", "127.0.0.1", "10.9.8.7", "10.20.30.40", "8.8.8.8", "64:ff9b", "a14:1e28"] {
                    #expect(!error.detail.contains(leaked), "\(host): \(error.detail)")
                }
                // A missing name and a private one read the same, so the answer is no oracle for internal names.
                #expect(error.detail.contains("public"), "\(host): \(error.detail)")
            }
        }
        try await documents.shutdown()
    }

    /// Counts lookups, answering with fixed records.
    actor CountingResolver: HostResolver {
        let records: [String: [IPAddress]]
        var lookups = 0
        init(_ records: [String: [IPAddress]]) { self.records = records }
        func addresses(of host: String) async throws -> [IPAddress] {
            lookups += 1
            return records[host] ?? []
        }
    }

    @Test("the fetch connects to the vetted address: a name only the test resolver knows is reached, after one lookup")
    func fetchIsPinned() async throws {
        let resolver = CountingResolver(["pinned.invalid": [IPAddress("127.0.0.1")!]])
        var policy = ClientMetadataDocuments.Policy()
        policy.allowInsecureForTesting = true
        policy.resolver = resolver
        // Not a test of the timeout: a machine busy with a parallel run may take longer than 5 s.
        policy.timeout = .seconds(60)
        let documents = ClientMetadataDocuments(policy: policy)
        try await Self.documentApp().test(.live) { client in
            // `.invalid` never resolves (RFC 6761): only a connection to the pinned address can succeed,
            // and the Host header still names the URL's host (the document echoes it into client_id).
            let url = "http://pinned.invalid:\(client.port ?? 0)/client.json"
            let record = try await documents.client(at: url)
            #expect(record.clientID == url)
        }
        #expect(await resolver.lookups == 1)
        try await documents.shutdown()
    }

    @Test("hosts-file records: several lines give one name an A and an AAAA; a bad line is named")
    func hostsFile() async throws {
        let resolver = try StaticHostResolver(
            hostsFile: "# test records\n93.184.216.34 Mixed.Example alias.example\n::1\tmixed.example # loopback\n\n"
        )
        #expect(try await resolver.addresses(of: "mixed.example") == [IPAddress("93.184.216.34")!, IPAddress("::1")!])
        #expect(try await resolver.addresses(of: "ALIAS.example.") == [IPAddress("93.184.216.34")!])
        #expect(try await resolver.addresses(of: "other.example").isEmpty)
        #expect(throws: HostsFileError.self) { try StaticHostResolver(hostsFile: "1.2.3.4 ok\nnot-an-address name\n") }
        #expect(throws: HostsFileError.self) { try StaticHostResolver(hostsFile: "1.2.3.4\n") }
    }
}
