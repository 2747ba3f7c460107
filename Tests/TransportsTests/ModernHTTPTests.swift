import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MCP
import NIOFoundationCompat
import NIOHTTP1
import TestSupport
import Testing

@Suite("Streamable HTTP: 2026-07-28", .removesTemporaryFolders)
struct ModernHTTPTests {
    @Test("server/discover answers statelessly and never mints a session")
    func discover() async throws {
        try await TestServer.run { server in
            let response = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{\#(TestServer.meta)}}"#,
                headers: TestServer.modernHeaders("server/discover")
            )
            #expect(response.status == .ok)
            #expect(response.headers[.init("Mcp-Session-Id")!] == nil)
            let result = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))["result"]
            #expect(result?["supportedVersions"] == ["2026-07-28"])
            #expect(result?["resultType"] == "complete")
        }
    }

    @Test("errors carry 4xx statuses and exact codes")
    func errors() async throws {
        try await TestServer.run { server in
            func check(_ body: String, _ headers: HTTPFields, status: HTTPResponse.Status, code: Int) async throws {
                let response = try await server.post(body, headers: headers)
                #expect(response.status == status, "\(body)")
                #expect(String(buffer: response.body).contains(#""code":\#(code)"#), "\(String(buffer: response.body))")
                #expect(response.headers[.contentType] == "application/json")
            }
            let call = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ping","arguments":{},\#(TestServer.meta)}}"#
            try await check(call, TestServer.modernHeaders("tools/call", name: "server_info"), status: .badRequest, code: -32020)
            try await check(call, TestServer.modernHeaders("tools/list", name: "ping"), status: .badRequest, code: -32020)
            try await check(
                #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}"#,
                TestServer.modernHeaders("tools/list"),
                status: .badRequest,
                code: -32602
            )
            let future =
                #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2099-01-01","io.modelcontextprotocol/clientCapabilities":{}}}}"#
            try await check(
                future,
                [.init("MCP-Protocol-Version")!: "2099-01-01", .init("Mcp-Method")!: "tools/list"],
                status: .badRequest,
                code: -32022
            )
            try await check(
                #"{"jsonrpc":"2.0","id":1,"method":"nope","params":{\#(TestServer.meta)}}"#,
                TestServer.modernHeaders("nope"),
                status: .notFound,
                code: -32601
            )
            try await check(#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#, TestServer.modernHeaders("ping"), status: .badRequest, code: -32600)
            let ok = try await server.post(call, headers: TestServer.modernHeaders("tools/call", name: "=?base64?cGluZw==?="))
            #expect(ok.status == .ok)
        }
    }

    @Test("GET and DELETE are 405 in the modern era")
    func noStreams() async throws {
        try await TestServer.run { server in
            for method in [HTTPRequest.Method.get, .delete] {
                let response = try await server.client.execute(uri: "/mcp", method: method, headers: [.init("MCP-Protocol-Version")!: "2026-07-28"])
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
        }
    }
}
