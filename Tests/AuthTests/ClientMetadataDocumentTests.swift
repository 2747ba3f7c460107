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
            let body = #"{"client_id":"\#(url)","client_name":"Doc Client","redirect_uris":["\#(Fixtures.redirect)"],"token_endpoint_auth_method":"none"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/big.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: String(repeating: " ", count: 200_000) + "{}")))
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

    @Test("without the test switch: http, loopback and private addresses are refused before any fetch")
    func ssrfFence() async throws {
        let documents = ClientMetadataDocuments()
        for url in ["http://example.com/client.json", "https://127.0.0.1/client.json", "https://10.1.2.3/c", "https://[::1]/c", "https://192.168.0.4/c", "https://169.254.169.254/latest"] {
            do {
                _ = try await documents.client(at: url)
                Issue.record("\(url) must be refused")
            } catch let error as OAuthError {
                #expect(error.code == "invalid_client")
            }
        }
        try await documents.shutdown()
    }
}
