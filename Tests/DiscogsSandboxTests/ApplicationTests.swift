import DiscogsSandbox
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The application itself, driven through HummingbirdTesting and started for sandbox mode.
@Suite struct ApplicationTests {
    @Test func routerFrameworkServesDiscogsShapedErrorsAndHeaders() async throws {
        let state = FakeDiscogsState(sample: SampleAccount.generate(.init(collectionSize: 10, wantlistSize: 2)))
        let app = FakeDiscogs.buildApplication(state: state)
        let ratelimit = try #require(HTTPField.Name("X-Discogs-Ratelimit"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: [.userAgent: "Tests/1.0"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[ratelimit] == "25")
                #expect(String(buffer: response.body).contains("Welcome to the Discogs API."))
            }
            try await client.execute(uri: "/no/such/route", method: .get, headers: [.userAgent: "Tests/1.0"]) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body) == #"{"message":"The requested resource was not found."}"#)
                #expect(response.headers[ratelimit] == "25")
            }
            try await client.execute(uri: "/releases/1", method: .get, headers: [.userAgent: "Tests/1.0"]) { response in
                #expect(String(buffer: response.body) == #"{"message":"Release not found."}"#)
            }
        }
    }

    @Test func sandboxStartsOnAnEphemeralPortAndStops() async throws {
        let server = try await FakeDiscogsServer.startSandbox(.init(collectionSize: 20, wantlistSize: 2))
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        let harness = FakeHarness(server: server)
        let identity = try await harness.get("/oauth/identity")
        #expect(identity.json["username"] as? String == "sandbox_collector")
        await server.stop()
        await #expect(throws: (any Error).self) { _ = try await harness.get("/") }
    }
}
