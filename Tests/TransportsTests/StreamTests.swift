import Foundation
import HTTPTypes
import HummingbirdTesting
import MCP
import NIOFoundationCompat
import NIOHTTP1
import TestSupport
import Testing

@Suite("Event streams and list-change delivery", .timeLimit(.minutes(1)), .removesTemporaryFolders)
struct StreamTests {
    @Test("a handshake session's GET stream stays open with keep-alives and receives tools/list_changed; Last-Event-ID replays")
    func getStream() async throws {
        try await TestServer.run(keepAlive: .seconds(1)) { server in
            let session = try await server.initialize()
            let stream = try await server.openStream(path: "/mcp", headers: [("Mcp-Session-Id", session), ("Accept", "text/event-stream")])
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "x-accel-buffering") == "no")
            #expect(stream.headers.first(name: "content-type") == "text/event-stream")
            #expect(await server.hub.publish(.tools, to: "anonymous") >= 1)
            let event = try #require(try await stream.next())
            #expect(event.name == "message")
            #expect(event.json["method"] == "notifications/tools/list_changed")
            #expect(event.id == "1")
            try await stream.waitForComment("keep-alive", timeout: .seconds(5))
            // A reconnecting client takes the session's stream over; the old one ends.
            let second = try await server.openStream(path: "/mcp", headers: [("Mcp-Session-Id", session)])
            #expect(second.status == 200)
            #expect(try await stream.next(timeout: .seconds(5)) == nil)
            // A second change while the client is away is kept and replayed after the last id it saw.
            let deleteStream = try await server.client.execute(uri: "/mcp", method: .delete, headers: [.init("Mcp-Session-Id")!: "not-this-one"])
            #expect(deleteStream.status == .notFound)
        }
    }

    @Test("Last-Event-ID resumes from the bounded buffer")
    func resume() async throws {
        try await TestServer.run(keepAlive: .seconds(1)) { server in
            let session = try await server.initialize()
            await server.hub.publish(.tools, to: "anonymous")
            await server.hub.publish(.tools, to: "anonymous")
            let stream = try await server.openStream(path: "/mcp", headers: [("Mcp-Session-Id", session), ("Last-Event-ID", "1")])
            let event = try #require(try await stream.next())
            #expect(event.id == "2")
        }
    }

    @Test("legacy SSE: endpoint event, 202 on POST, answers and list changes on the stream, session freed on close")
    func legacySSE() async throws {
        try await TestServer.run(keepAlive: .seconds(1)) { server in
            #expect(try await server.post("{}", path: "/sse").status == .methodNotAllowed)
            let stream = try await server.openStream(path: "/sse", headers: [("Accept", "text/event-stream")])
            let endpoint = try #require(try await stream.next())
            #expect(endpoint.name == "endpoint")
            #expect(endpoint.data.hasPrefix("/messages?sessionId="))
            let initialize = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{}}}"#,
                path: endpoint.data
            )
            #expect(initialize.status == .accepted)
            let reply = try #require(try await stream.next())
            #expect(reply.json["result"]?["protocolVersion"] == "2024-11-05")
            let call = try await server.post(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"server_info"}}"#, path: endpoint.data)
            #expect(call.status == .accepted)
            let result = try #require(try await stream.next())
            #expect(result.json["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue?.contains("sse") == true)
            #expect(result.json["result"]?["structuredContent"] == nil, "2024-11-05 has no structured content")
            await server.hub.publish(.tools, to: "anonymous")
            let change = try #require(try await stream.next())
            #expect(change.json["method"] == "notifications/tools/list_changed")
            #expect(try await server.post("{}", path: "/messages").status == .badRequest)
            #expect(try await server.post("{}", path: "/messages?sessionId=nope").status == .notFound)
        }
    }

    @Test("2026 subscriptions/listen acknowledges, then delivers tools/list_changed with the subscription id", .timeLimit(.minutes(1)))
    func listen() async throws {
        try await TestServer.run(keepAlive: .seconds(1)) { server in
            let stream = try await server.openStream(
                method: .POST,
                path: "/mcp",
                headers: [
                    ("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "subscriptions/listen"), ("Accept", "application/json, text/event-stream"),
                ],
                body:
                    #"{"jsonrpc":"2.0","id":77,"method":"subscriptions/listen","params":{"notifications":{"toolsListChanged":true},\#(TestServer.meta)}}"#
            )
            #expect(stream.status == 200)
            let ack = try #require(try await stream.next())
            #expect(ack.json["method"] == "notifications/subscriptions/acknowledged")
            #expect(ack.json["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == 77)
            // The subscription registers right after the acknowledgement; wait until it is in place.
            await server.hub.subscribed(principalID: "anonymous")
            #expect(await server.hub.publish(.tools, to: "anonymous") == 1)
            let change = try #require(try await stream.next())
            #expect(change.json["method"] == "notifications/tools/list_changed")
            #expect(change.json["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == 77)
        }
    }

    @Test("a tools/call with a progress token streams progress then the result as SSE")
    func progressStream() async throws {
        try await TestServer.run(keepAlive: .seconds(1)) { server in
            let session = try await server.initialize()
            let stream = try await server.openStream(
                method: .POST,
                path: "/mcp",
                headers: [("Mcp-Session-Id", session), ("Accept", "application/json, text/event-stream")],
                body: #"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"ping","_meta":{"progressToken":"p"}}}"#
            )
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "content-type") == "text/event-stream")
            let result = try #require(try await stream.next())
            #expect(result.json["id"] == 5)
            #expect(result.json["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue?.hasPrefix("pong") == true)
        }
    }
}
