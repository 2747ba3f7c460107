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
import TestSupport

@testable import App
@testable import Discogs

/// A real server on a loopback port with a fresh database, for in-process transport tests.
struct TestServer {
    let client: any TestClientProtocol
    let port: Int
    let hub: ListChangeHub
    let registry: PrometheusCollectorRegistry

    static func configuration(
        database: String,
        keepAlive: Duration = .seconds(15),
        maxBody: Int = 1 << 20,
        maxSessions: Int = 100
    ) -> ServerConfiguration {
        ServerConfiguration(
            host: "127.0.0.1",
            port: 0,
            publicURL: URL(string: "http://127.0.0.1:8080")!,
            databasePath: database,
            secret: String(repeating: "s", count: 40),
            allowedOrigins: ["https://allowed.example"],
            maxBodyBytes: maxBody,
            maxSessions: maxSessions,
            sessionIdleTimeout: .seconds(600),
            keepAliveInterval: keepAlive,
            logLevel: .warning,
            discogs: DiscogsConfiguration(userAgent: "test")
        )
    }

    /// A database path in a new temporary folder, deleted when the test ends (`.removesTemporaryFolders`).
    static func temporaryDatabase() -> String {
        TemporaryFolder.make("discogs-mcp-tests").appendingPathComponent("db.sqlite").path
    }

    static func run(
        database: String = temporaryDatabase(),
        keepAlive: Duration = .seconds(15),
        maxBody: Int = 1 << 20,
        _ body: @Sendable (TestServer) async throws -> Void
    ) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let dependencies = AppDependencies(logger: logger)
        let built = try buildApplication(configuration(database: database, keepAlive: keepAlive, maxBody: maxBody), dependencies: dependencies)
        try await built.application.test(.live) { client in
            try await body(TestServer(client: client, port: client.port ?? 0, hub: dependencies.listChanges, registry: dependencies.metricsRegistry))
        }
    }

    // MARK: Requests

    func post(
        _ body: String,
        path: String = "/mcp",
        headers: HTTPFields = [:],
        contentType: String? = "application/json"
    ) async throws -> TestResponse {
        var fields = headers
        if let contentType { fields[.contentType] = contentType }
        if fields[.accept] == nil { fields[.accept] = "application/json, text/event-stream" }
        return try await client.execute(uri: path, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    /// Runs `initialize` at `version` and returns the session id.
    func initialize(_ version: String = "2025-11-25") async throws -> String {
        let response = try await post(
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
        )
        guard let id = response.headers[.init("Mcp-Session-Id")!] else { throw TestFailure("no session id") }
        return id
    }

    static func modernHeaders(_ method: String, name: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.init("MCP-Protocol-Version")!: "2026-07-28", .init("Mcp-Method")!: method]
        if let name { fields[.init("Mcp-Name")!] = name }
        return fields
    }

    static let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#

    // MARK: Streams

    /// Opens a streaming request with AsyncHTTPClient, which HummingbirdTesting cannot do.
    func openStream(method: HTTPMethod = .GET, path: String, headers: [(String, String)] = [], body: String? = nil) async throws -> EventReader {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return EventReader(status: Int(response.status.code), headers: response.headers, body: response.body)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads SSE events from a streaming response body.
final class EventReader: @unchecked Sendable {
    // Used from one test task at a time; the iterator is not shared across tasks.
    let status: Int
    let headers: HTTPHeaders
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var pending = ""
    private(set) var comments: [String] = []

    init(status: Int, headers: HTTPHeaders, body: HTTPClientResponse.Body) {
        self.status = status
        self.headers = headers
        self.iterator = body.makeAsyncIterator()
    }

    struct Event: Sendable {
        var id: String?
        var name: String?
        var data: String
        var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(data.utf8))) ?? .null }
    }

    /// Reads until a `:` comment with `text` has arrived (events read meanwhile are dropped).
    func waitForComment(_ text: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while !comments.contains(text) {
            guard try await block(deadline: deadline) != nil else { throw TestFailure("stream ended") }
        }
    }

    /// The next event (comments are collected on the side), or nil at the end of the stream.
    func next(timeout: Duration = .seconds(10)) async throws -> Event? {
        let deadline = ContinuousClock.now + timeout
        while let block = try await block(deadline: deadline) {
            if let event = block { return event }
        }
        return nil
    }

    /// The next block: `.some(event)`, `.some(nil)` for a comment-only block, `nil` at the end.
    private func block(deadline: ContinuousClock.Instant) async throws -> Event?? {
        while true {
            if let range = pending.range(of: "\n\n") {
                let block = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                var event = Event(data: "")
                var isEvent = false
                for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix(":") {
                        comments.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
                        continue
                    }
                    isEvent = true
                    if line.hasPrefix("event: ") { event.name = String(line.dropFirst(7)) }
                    if line.hasPrefix("id: ") { event.id = String(line.dropFirst(4)) }
                    if line.hasPrefix("data: ") { event.data += String(line.dropFirst(6)) }
                }
                return .some(isEvent ? event : nil)
            }
            guard ContinuousClock.now < deadline else { throw TestFailure("nothing arrived in time") }
            guard let chunk = try await iterator.next() else { return nil }
            pending += String(buffer: chunk)
        }
    }
}
