import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MCP
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

@testable import App
@testable import Discogs
@testable import Transports

/// Blocks every call until the test opens the gate: each call sleeps on a manual clock until a
/// fixed instant, which `open()` reaches (calls made after that pass at once).
final class HeldTool: Tool, Sendable {
    let definition = ToolDefinition(name: "held", title: "Held", description: "Waits for the test.", annotations: .readOnly(openWorld: false))
    let clock = ManualClock()
    static let gate = ManualClock.Instant(offset: .seconds(3600))

    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        try await clock.sleep(until: Self.gate, tolerance: nil)
        return .text("released")
    }

    /// Returns once `count` calls are inside, held at the gate.
    func waitForInside(_ count: Int) async {
        await clock.sleepers(count)
    }

    /// Lets every held call, and every later one, through.
    func open() {
        clock.advance(by: clock.now.duration(to: Self.gate))
    }
}

/// Issue 17 points 5 (per-session in-flight caps) and 7 (the legacy stream key).
@Suite("In-flight caps and the legacy stream key", .removesTemporaryFolders)
struct InFlightAndStreamKeyTests {
    static func run(
        maxInFlight: Int = 32,
        oauth: Bool = false,
        tool: HeldTool = HeldTool(),
        _ body: @Sendable (TestServer, BuiltServer) async throws -> Void
    ) async throws {
        var configuration = TestServer.configuration(database: TestServer.temporaryDatabase())
        configuration.limits.maxInFlightPerSession = maxInFlight
        if oauth {
            configuration.discogs.consumerKey = "key"
            configuration.discogs.consumerSecret = "secret"
        }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        var dependencies = AppDependencies(logger: logger)
        dependencies.extraTools = [tool]
        let built = try buildApplication(configuration, dependencies: dependencies)
        let (hub, registry) = (dependencies.listChanges, dependencies.metricsRegistry)
        try await built.application.test(.live) { client in
            try await body(TestServer(client: client, port: client.port ?? 0, hub: hub, registry: registry), built)
        }
    }

    static func call(_ id: Int) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"held","arguments":{}}}"#
    }

    @Test("Streamable HTTP: a session's requests beyond the cap are refused with 429 while the others run", .timeLimit(.minutes(1)))
    func streamableCap() async throws {
        let tool = HeldTool()
        try await Self.run(maxInFlight: 2, tool: tool) { server, _ in
            let session = try await server.initialize("2025-11-25")
            let headers: HTTPFields = [.init("Mcp-Session-Id")!: session]
            // Separate connections (the test client has one, and answers in order).
            let port = server.port
            let running = (1...2).map { id in
                Task { () -> UInt in
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/mcp")
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.headers.add(name: "Accept", value: "application/json, text/event-stream")
                    request.headers.add(name: "Mcp-Session-Id", value: session)
                    request.body = .bytes(ByteBuffer(string: Self.call(id)))
                    return try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status.code
                }
            }
            await tool.waitForInside(2)
            let refused = try await server.post(Self.call(3), headers: headers)
            #expect(refused.status == .tooManyRequests)
            let body = String(buffer: refused.body)
            #expect(body.contains(#""code":429"#) && body.contains(#""id":3"#), "\(body)")
            // Another session of the same principal is not affected.
            let other = try await server.initialize("2025-11-25")
            #expect(try await server.post(#"{"jsonrpc":"2.0","id":9,"method":"ping"}"#, headers: [.init("Mcp-Session-Id")!: other]).status == .ok)
            tool.open()
            for task in running { #expect(try await task.value == 200) }
            #expect(try await server.post(Self.call(4), headers: headers).status == .ok, "places free up as answers go out")
        }
    }

    @Test("legacy SSE: POSTs beyond the cap get an error on the stream instead of a new task", .timeLimit(.minutes(1)))
    func legacyCap() async throws {
        let tool = HeldTool()
        try await Self.run(maxInFlight: 2, tool: tool) { server, _ in
            let stream = try await server.openStream(path: "/sse")
            let endpoint = try #require(try await stream.next())
            let path = endpoint.data
            #expect(
                try await server.post(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2024-11-05"}}"#, path: path).status
                    == .accepted
            )
            #expect(try await stream.next()?.json["id"] == 0)
            for id in 1...3 { #expect(try await server.post(Self.call(id), path: path).status == .accepted) }
            let refusal = try #require(try await stream.next())
            #expect(refusal.json["id"] == 3)
            #expect(refusal.json["error"]?["code"] == 429)
            tool.open()
            var answered: Set<Int64> = []
            for _ in 0..<2 { if case .int(let id)? = try await stream.next()?.json["id"] { answered.insert(id) } }
            #expect(answered == [1, 2])
        }
    }

    @Test("legacy SSE: once signed in through a login link, the session id alone no longer acts for the account")
    func streamKey() async throws {
        try await Self.run(oauth: true) { server, built in
            let stream = try await server.openStream(path: "/sse")
            let endpoint = try #require(try await stream.next())
            let components = try #require(URLComponents(string: endpoint.data))
            let sessionID = try #require(components.queryItems?.first { $0.name == "sessionId" }?.value)
            let key = try #require(components.queryItems?.first { $0.name == "key" }?.value)
            #expect(key.count == 32 && key != sessionID)
            let bare = "/messages?sessionId=\(sessionID)"
            let initialize = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2024-11-05"}}"#
            #expect(try await server.post(initialize, path: bare).status == .accepted, "an anonymous session still takes the id alone")
            _ = try await stream.next()

            #expect(await built.sessions.rebind(sessionID, to: Caller(principalID: "discogs:5", kind: "oauth", displayName: "dj", scopes: ["read"])))
            let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
            #expect(try await server.post(ping, path: bare).status == .notFound)
            #expect(try await server.post(ping, path: bare + "&key=" + String(repeating: "0", count: 32)).status == .notFound)
            #expect(try await server.post(ping, path: endpoint.data).status == .accepted, "the stream's own endpoint URL still works")
        }
    }
}
