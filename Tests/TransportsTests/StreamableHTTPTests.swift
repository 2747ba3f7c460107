import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MCP
import NIOFoundationCompat
import NIOHTTP1
import TestSupport
import Testing

@Suite("Streamable HTTP: handshake revisions", .removesTemporaryFolders)
struct StreamableHTTPHandshakeTests {
    @Test("each handshake revision is negotiated, an unknown one gets the newest, and a session id is issued")
    func negotiation() async throws {
        try await TestServer.run { server in
            for (requested, expected) in [
                ("2024-11-05", "2024-11-05"), ("2025-03-26", "2025-03-26"), ("2025-06-18", "2025-06-18"), ("2025-11-25", "2025-11-25"),
                ("1999-01-01", "2025-11-25"),
            ] {
                let response = try await server.post(
                    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"\#(requested)","capabilities":{}}}"#
                )
                #expect(response.status == .ok)
                #expect(response.headers[.init("Mcp-Session-Id")!]?.count == 32)
                let body = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
                #expect(body["result"]?["protocolVersion"] == .string(expected))
                #expect(body["result"]?["capabilities"]?["tools"]?["listChanged"] == true)
            }
        }
    }

    @Test("notifications get 202 with an empty body; requests work before notifications/initialized")
    func notifications() async throws {
        try await TestServer.run { server in
            let session = try await server.initialize()
            let early = try await server.post(#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#, headers: [.init("Mcp-Session-Id")!: session])
            #expect(early.status == .ok)
            #expect(String(buffer: early.body).contains("server_info"))
            for body in [#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, #"{"jsonrpc":"2.0","method":"notifications/whatever"}"#] {
                let response = try await server.post(
                    body,
                    headers: [.init("Mcp-Session-Id")!: session, .init("MCP-Protocol-Version")!: "2025-11-25"]
                )
                #expect(response.status == .accepted)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("session rules: missing 400, unknown 404, deleted 404, another principal's 404")
    func sessions() async throws {
        try await TestServer.run { server in
            let list = #"{"jsonrpc":"2.0","id":3,"method":"tools/list"}"#
            #expect(try await server.post(list).status == .badRequest)
            #expect(try await server.post(list, headers: [.init("Mcp-Session-Id")!: "feedface"]).status == .notFound)
            let session = try await server.initialize()
            let delete = try await server.client.execute(uri: "/mcp", method: .delete, headers: [.init("Mcp-Session-Id")!: session])
            #expect(delete.status == .ok)
            #expect(try await server.post(list, headers: [.init("Mcp-Session-Id")!: session]).status == .notFound)
            let again = try await server.client.execute(uri: "/mcp", method: .delete, headers: [.init("Mcp-Session-Id")!: session])
            #expect(again.status == .notFound)
            let initializeWithSession = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#,
                headers: [.init("Mcp-Session-Id")!: session]
            )
            #expect(initializeWithSession.status == .badRequest)
        }
    }

    @Test("HTTP-level refusals: Origin 403, media type 415, size 413, parse 400/-32700, invalid 400/-32600")
    func refusals() async throws {
        try await TestServer.run(maxBody: 4096) { server in
            let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#
            #expect(try await server.post(initialize, headers: [.origin: "https://evil.example"]).status == .forbidden)
            #expect(try await server.post(initialize, headers: [.origin: "null"]).status == .forbidden)
            #expect(try await server.post(initialize, headers: [.origin: "https://allowed.example"]).status == .ok)
            #expect(try await server.post(initialize, headers: [.origin: "http://localhost:6274"]).status == .ok)
            #expect(try await server.post(initialize, contentType: "text/plain").status == .unsupportedMediaType)
            let big = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"pad":""# + String(repeating: "x", count: 5000) + #""}}"#
            #expect(try await server.post(big).status == .contentTooLarge)
            let parse = try await server.post("{nope")
            #expect(parse.status == .badRequest)
            #expect(String(buffer: parse.body).contains(#""code":-32700"#))
            #expect(String(buffer: parse.body).contains(#""id":null"#))
            let invalid = try await server.post(#"{"jsonrpc":"2.0","id":1.5,"method":"initialize"}"#)
            #expect(invalid.status == .badRequest)
            #expect(String(buffer: invalid.body).contains(#""code":-32600"#))
        }
    }

    @Test("Accept */* or none is fine, /mcp/ equals /mcp, unknown methods are -32601")
    func leniency() async throws {
        try await TestServer.run { server in
            let session = try await server.initialize()
            for accept in ["*/*", "", "application/json"] {
                let response = try await server.post(
                    #"{"jsonrpc":"2.0","id":"x","method":"ping"}"#,
                    headers: [.init("Mcp-Session-Id")!: session, .accept: accept]
                )
                #expect(response.status == .ok, "Accept: \(accept)")
                #expect(response.headers[.contentType] == "application/json")
            }
            let slash = try await server.post(
                #"{"jsonrpc":"2.0","id":"y","method":"ping"}"#,
                path: "/mcp/",
                headers: [.init("Mcp-Session-Id")!: session]
            )
            #expect(slash.status == .ok)
            let unknown = try await server.post(#"{"jsonrpc":"2.0","id":"z","method":"nope"}"#, headers: [.init("Mcp-Session-Id")!: session])
            #expect(String(buffer: unknown.body).contains(#""code":-32601"#))
        }
    }

    @Test("batches only in 2025-03-26 sessions")
    func batches() async throws {
        try await TestServer.run { server in
            let batch =
                #"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]"#
            let old = try await server.initialize("2025-03-26")
            let accepted = try await server.post(batch, headers: [.init("Mcp-Session-Id")!: old])
            #expect(accepted.status == .ok)
            let replies = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: accepted.body))
            #expect(replies.arrayValue?.count == 2)
            let new = try await server.initialize("2025-06-18")
            let refused = try await server.post(batch, headers: [.init("Mcp-Session-Id")!: new])
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("-32600"))
        }
    }

    @Test("a session survives a restart of the server on the same database")
    func restart() async throws {
        let database = TestServer.temporaryDatabase()
        let box = SessionBox()
        try await TestServer.run(database: database) { server in
            await box.set(try await server.initialize("2025-06-18"))
        }
        try await TestServer.run(database: database) { server in
            let session = try #require(await box.value)
            let response = try await server.post(#"{"jsonrpc":"2.0","id":9,"method":"tools/list"}"#, headers: [.init("Mcp-Session-Id")!: session])
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("\"title\""))
        }
    }
}

actor SessionBox {
    var value: String?
    func set(_ new: String) { value = new }
}
