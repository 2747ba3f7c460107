import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MCP
import NIOCore
import Storage
import TestSupport
import Testing
import Transports

@testable import App

/// Two instances of one fleet in one process (issue 11 point 2): two servers on one database,
/// joined by an in-process bus standing in for PostgreSQL's LISTEN/NOTIFY (the e2e suite runs the
/// real thing). Sessions are served by either; what is addressed to a stream crosses the bus.
@Suite("Fleet: sessions across instances", .timeLimit(.minutes(3)), .removesTemporaryFolders)
struct FleetTests {
    struct Instance {
        let server: TestServer
        let built: BuiltServer
    }

    /// Runs `body` with instances A and B on one SQLite file; `joined` false leaves them unjoined
    /// (each alone, as before the fleet existed).
    static func run(joined: Bool = true, _ body: @Sendable (Instance, Instance) async throws -> Void) async throws {
        let path = TestServer.temporaryDatabase()
        let busA = LocalInstanceBus(instanceID: "a")
        let busB = LocalInstanceBus(instanceID: "b", joining: busA)
        try await serve(path, bus: joined ? busA : nil) { a in
            try await serve(path, bus: joined ? busB : nil) { b in try await body(a, b) }
        }
    }

    static func serve(_ path: String, bus: LocalInstanceBus?, _ body: @Sendable (Instance) async throws -> Void) async throws {
        var logger = Logger(label: "fleet-test")
        logger.logLevel = .warning
        var dependencies = AppDependencies(logger: logger)
        var storage = ServerStorage.sqlite(try Database(path: path))
        storage.fleetBus = bus
        dependencies.storage = storage
        let built = try buildApplication(TestServer.configuration(database: path), dependencies: dependencies)
        let (hub, registry) = (dependencies.listChanges, dependencies.metricsRegistry)
        try await built.application.test(.live) { client in
            let server = TestServer(client: client, port: client.port ?? 0, hub: hub, registry: registry)
            try await body(Instance(server: server, built: built))
        }
    }

    static let session = HTTPField.Name("Mcp-Session-Id")!

    @Test("Streamable HTTP: a session made on A serves on B; B's list change reaches A's stream; B's DELETE ends it on A")
    func streamableAcrossInstances() async throws {
        try await Self.run { a, b in
            let id = try await a.server.initialize()
            let list = try await b.server.post(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#, headers: [Self.session: id])
            #expect(list.status == .ok, "B restores A's session from the database")
            let stream = try await a.server.openStream(path: "/mcp", headers: [("Mcp-Session-Id", id), ("Accept", "text/event-stream")])
            // The stream is attached before its headers are sent: the change that follows reaches it.
            #expect(stream.status == 200)
            await b.server.hub.publish(.tools, to: "anonymous")
            let event = try #require(try await stream.next())
            #expect(event.json["method"] == "notifications/tools/list_changed")
            let delete = try await b.server.client.execute(uri: "/mcp", method: .delete, headers: [Self.session: id])
            #expect(delete.status == .ok || delete.status == .noContent)
            // The end crosses the bus: A ends its copy, which closes A's stream (awaited, not polled).
            #expect(try await stream.next() == nil, "A's stream ends with the session")
            let ping = #"{"jsonrpc":"2.0","id":2,"method":"ping"}"#
            #expect(try await a.server.post(ping, headers: [Self.session: id]).status == .notFound, "ended on A too")
        }
    }

    @Test("legacy SSE: POSTs landing on B are answered on A's stream; a login link completed on B signs A's session in")
    func legacyAcrossInstances() async throws {
        try await Self.run { a, b in
            let stream = try await a.server.openStream(path: "/sse")
            let endpoint = try #require(try await stream.next())
            let sessionID = try #require(URLComponents(string: endpoint.data)?.queryItems?.first { $0.name == "sessionId" }?.value)
            let initialize =
                #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2024-11-05","clientInfo":{"name":"fleet-client","version":"1"}}}"#
            #expect(try await b.server.post(initialize, path: endpoint.data).status == .accepted)
            #expect(try await stream.next(timeout: .seconds(1))?.json["id"] == 0)
            #expect(try await b.server.post(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#, path: endpoint.data).status == .accepted)
            #expect(try await stream.next(timeout: .seconds(1))?.json["result"]?["tools"] != nil)
            #expect(await b.built.sessions.origin(of: sessionID)?.clientName == "fleet-client", "B names the client from the database")

            #expect(
                await b.built.sessions.rebind(sessionID, to: Caller(principalID: "discogs:5", kind: "oauth", displayName: "dj", scopes: ["read"]))
            )
            #expect(try await stream.next(timeout: .seconds(1))?.json["method"] == "notifications/tools/list_changed")
            #expect(!(await b.built.sessions.rebind(sessionID, to: Caller(principalID: "discogs:6", kind: "oauth"))), "signed in once only")
            // Signed in: a credential-less POST needs the stream key, checked on A.
            #expect(
                try await b.server.post(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#, path: "/messages?sessionId=\(sessionID)").status == .accepted
            )
            #expect(try await b.server.post(#"{"jsonrpc":"2.0","id":3,"method":"ping"}"#, path: endpoint.data).status == .accepted)
            #expect(try await stream.next(timeout: .seconds(1))?.json["id"] == 3, "the keyless POST was dropped on A")
            #expect(try await b.server.post(#"{"jsonrpc":"2.0","id":4,"method":"ping"}"#, path: "/messages?sessionId=unknown").status == .notFound)
        }
    }

    @Test("unjoined instances: B knows neither A's stream nor A's sign-in (what the fleet fixes)")
    func unjoined() async throws {
        try await Self.run(joined: false) { a, b in
            let stream = try await a.server.openStream(path: "/sse")
            let endpoint = try #require(try await stream.next())
            let initialize = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2024-11-05"}}"#
            #expect(try await b.server.post(initialize, path: endpoint.data).status == .notFound)
        }
    }
}
