import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MCP
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Prometheus
import ServiceLifecycle
import Storage
import Synchronization
import TestSupport
import Testing

@testable import App
@testable import Transports

@Suite("Operations: metrics, health, limits, shutdown", .removesTemporaryFolders)
struct OperationsTests {
    @Test("/metrics reflects the workload with bounded labels")
    func metrics() async throws {
        try await TestServer.run { server in
            let session = try await server.initialize("2025-11-25")
            let headers: HTTPFields = [.init("Mcp-Session-Id")!: session]
            for _ in 0..<3 { _ = try await server.post(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#, headers: headers) }
            _ = try await server.post(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"ping"}}"#, headers: headers)
            _ = try await server.post(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"nope"}}"#, headers: headers)
            _ = try await server.post(#"{"jsonrpc":"2.0","id":4,"method":"made/up/\#(UUID().uuidString)"}"#, headers: headers)
            let response = try await server.client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect((response.headers[.contentType] ?? "").hasPrefix("text/plain; version=0.0.4"))
            let text = String(buffer: response.body)
            #expect(text.contains(#"discogs_mcp_messages_total{method="tools/list",revision="2025-11-25",transport="streamable-http"} 3"#))
            #expect(text.contains(#"discogs_mcp_tool_calls_total{tool="ping",outcome="ok"} 1"#))
            #expect(text.contains(#"discogs_mcp_tool_calls_total{tool="unknown",outcome="protocol_error"} 1"#))
            #expect(text.contains(#"discogs_mcp_messages_total{method="other",revision="2025-11-25",transport="streamable-http"} 1"#))
            #expect(text.contains(#"discogs_mcp_message_errors_total{code="-32601",transport="streamable-http"} 1"#))
            #expect(text.contains(#"discogs_mcp_sessions{transport="streamable-http",revision="2025-11-25"} 1"#))
            #expect(text.contains(#"discogs_mcp_sessions_created_total{transport="streamable-http"} 1"#))
            #expect(text.contains("discogs_mcp_process_resident_memory_bytes"))
            #expect(text.contains(#"discogs_mcp_build_info{version="#))
            #expect(!text.contains(session), "no session id in labels")
        }
    }

    @Test("metrics access: loopback or the right token; a dedicated listener is open")
    func metricsAccess() {
        #expect(MetricsEndpoint.allows(authorization: nil, isLoopback: true, token: nil, requireLoopbackOrToken: true))
        #expect(!MetricsEndpoint.allows(authorization: nil, isLoopback: false, token: "t0k3n", requireLoopbackOrToken: true))
        #expect(MetricsEndpoint.allows(authorization: "Bearer t0k3n", isLoopback: false, token: "t0k3n", requireLoopbackOrToken: true))
        #expect(!MetricsEndpoint.allows(authorization: "Bearer wrong", isLoopback: true, token: "t0k3n", requireLoopbackOrToken: true))
        #expect(MetricsEndpoint.allows(authorization: nil, isLoopback: false, token: nil, requireLoopbackOrToken: false))
    }

    @Test("/readyz reports the database, migrations and background services")
    func readiness() async throws {
        try await TestServer.run { server in
            // The background services start beside the listener; ask again (yielding, never sleeping) until they run.
            var body = ""
            for _ in 0..<10_000 {
                let response = try await server.client.execute(uri: "/readyz", method: .get)
                body = String(buffer: response.body)
                if response.status == .ok { break }
                await Task.yield()
            }
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
            #expect(json["status"] == "ready")
            #expect(json["checks"]?["migrations"] == "ok")
            #expect(json["checks"]?["engine"] == "sqlite")
            #expect(json["checks"]?["backgroundServices"] == "ok")
        }
    }

    @Test("an address over its limit gets 429 with Retry-After and a JSON-RPC body")
    func tooManyRequests() async throws {
        var configuration = TestServer.configuration(database: TestServer.temporaryDatabase())
        // One token a minute: a slow machine cannot refill the bucket during the test.
        configuration.rateLimits = RateLimitPolicies(
            principal: RateLimitPolicy(perMinute: 1, burst: 3),
            toolCalls: RateLimitPolicy(perMinute: 1, burst: 3),
            client: RateLimitPolicy(perMinute: 1, burst: 3),
            ip: RateLimitPolicy(perMinute: 1, burst: 3)
        )
        let built = try buildApplication(configuration, dependencies: AppDependencies(logger: Logger(label: "test")))
        try await built.application.test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            var last: TestResponse?
            for _ in 0..<5 {
                let response = try await client.execute(
                    uri: "/mcp",
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#)
                )
                statuses.append(response.status)
                last = response
            }
            #expect(statuses == [.ok, .ok, .ok, .tooManyRequests, .tooManyRequests])
            let retryAfter = Int(last?.headers[.init("Retry-After")!] ?? "") ?? 0
            #expect((40...60).contains(retryAfter), "Retry-After \(retryAfter)")
            let lastBody = String(buffer: last?.body ?? ByteBuffer())
            #expect(lastBody.contains(#""code":429"#))
        }
    }

    @Test("graceful shutdown: the slow call completes, the SSE stream ends, the database stays sound", .timeLimit(.minutes(1)))
    func gracefulShutdown() async throws {
        let database = TestServer.temporaryDatabase()
        var configuration = TestServer.configuration(database: database, keepAlive: .seconds(1))
        configuration.shutdownGrace = .seconds(10)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        var dependencies = AppDependencies(logger: logger)
        let sleepy = SleepyTool()
        dependencies.extraTools = [sleepy]
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        dependencies.onServerRunning = { bound in portSink.yield(bound) }
        let built = try buildApplication(configuration, dependencies: dependencies)
        let sink = LogSink(
            database: built.database,
            format: .json,
            retention: .init(maximumAge: .seconds(3600), maximumRows: 1000),
            writeLine: { _ in }
        )
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: LogSinkService(sink: sink)), .init(service: built.application)],
            logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownGrace
        let group = ServiceGroup(configuration: groupConfiguration)
        let running = Task { try await group.run() }
        var portIterator = ports.makeAsyncIterator()
        let bound = try #require(await portIterator.next())
        let server = TestServer(client: NoClient(), port: bound, hub: dependencies.listChanges, registry: dependencies.metricsRegistry)

        let stream = try await server.openStream(path: "/sse")
        let endpoint = try #require(try await stream.next())
        #expect(endpoint.name == "endpoint")

        var initialize = HTTPClientRequest(url: "http://127.0.0.1:\(bound)/mcp")
        initialize.method = .POST
        initialize.headers.add(name: "Content-Type", value: "application/json")
        initialize.body = .bytes(ByteBuffer(string: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#))
        let opened = try await HTTPClient.shared.execute(initialize, timeout: .seconds(10))
        let session = try #require(opened.headers.first(name: "Mcp-Session-Id"))
        let slowCall = Task { () -> String in
            var call = HTTPClientRequest(url: "http://127.0.0.1:\(bound)/mcp")
            call.method = .POST
            call.headers.add(name: "Content-Type", value: "application/json")
            call.headers.add(name: "Mcp-Session-Id", value: session)
            call.body = .bytes(ByteBuffer(string: #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"sleepy"}}"#))
            let response = try await HTTPClient.shared.execute(call, timeout: .seconds(30))
            return String(buffer: try await response.body.collect(upTo: 1 << 20))
        }
        // The call is in flight once the tool sleeps; it wakes only when the test moves its clock.
        await sleepy.clock.sleepers(1)
        await group.triggerGracefulShutdown()

        #expect(try await stream.next(timeout: .seconds(10)) == nil, "the SSE stream ends on shutdown")
        // Shutdown waits for the call: still in flight after the stream ended, and answered once it wakes.
        #expect(sleepy.clock.pendingSleepers.count == 1)
        sleepy.clock.advance(by: .seconds(90))
        let answer = try await slowCall.value
        #expect(answer.contains("slept"), "the in-flight call completed: \(answer)")
        try await running.value
        try built.storage.close()
        #expect(try await Database(path: database).integrityCheck() == "ok")
    }
}

/// Sleeps a minute and a half on a manual clock, so shutdown has something in flight until the test wakes it.
struct SleepyTool: Tool {
    let definition = ToolDefinition(name: "sleepy", title: "Sleepy", description: "Sleeps 90 s.", annotations: .readOnly(openWorld: false))
    let clock = ManualClock()
    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        try await clock.sleep(for: .seconds(90))
        return .text("slept")
    }
}

/// The shutdown test talks to the server with AsyncHTTPClient only.
struct NoClient: TestClientProtocol {
    var port: Int? { nil }
    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        throw TestFailure("not used")
    }
}
