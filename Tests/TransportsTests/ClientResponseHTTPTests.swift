import AsyncHTTPClient
import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MCP
import NIOCore
import NIOHTTP1
import Storage
import TestSupport
import Testing

@testable import Transports

/// A tool an anonymous caller cannot see (it needs `read`).
private struct ReadingTool: Tool {
    let definition = ToolDefinition(
        name: "reading",
        title: "Reading",
        description: "Needs read.",
        annotations: .readOnly(openWorld: true),
        requiredScope: "read"
    )

    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult { .text("read") }
}

private struct FixedLinks: SignInLinkIssuer {
    func signInLink(sessionID: String) async -> SignInLink? {
        SignInLink(url: "http://127.0.0.1/login/ln_test", code: "ABCD-EFGH", lifetime: .seconds(600))
    }
}

/// Streamable HTTP carries a client's answer to a server request: POSTed, routed, 202 (issue 13 point 9).
@Suite("Streamable HTTP: client responses to server requests", .removesTemporaryFolders)
struct ClientResponseHTTPTests {
    @Test("a POSTed response to the pending elicitation gets 202 and resumes the call; a duplicate gets 400", .timeLimit(.minutes(1)))
    func routedResponse() async throws {
        let clock = ManualClock()
        let dispatcher = Dispatcher(
            identity: ServerIdentity(name: "t", title: "T", version: "1", instructions: "T."),
            registry: ToolRegistry([ReadingTool()]),
            signIn: SignInElicitation(issuer: FixedLinks(), clock: clock),
            clientRequests: ClientRequests(clock: clock)
        )
        let sessions = SessionRegistry(
            repository: SQLiteSessionRepository(database: try Database(path: TestServer.temporaryDatabase())),
            listChanges: dispatcher.listChanges,
            maximumSessions: 10,
            idleTimeout: .seconds(600),
            logger: Logger(label: "test")
        )
        let server = MCPHTTPServer(
            dispatcher: dispatcher,
            sessions: sessions,
            authenticator: FixedPrincipalAuthenticator(principal: .anonymous),
            configuration: HTTPTransportConfiguration(publicURL: URL(string: "http://127.0.0.1:8080")!, allowedOrigins: []),
            logger: Logger(label: "test")
        )
        let router = Router(context: ServerRequestContext.self)
        server.addRoutes(to: router)
        try await Application(router: router).test(.live) { client in
            let headers: HTTPFields = [.contentType: "application/json", .accept: "application/json, text/event-stream"]
            let initialize =
                #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"elicitation":{"url":{}}}}}"#
            let opened = try await client.execute(uri: "/mcp", method: .post, headers: headers, body: ByteBuffer(string: initialize))
            let session = try #require(opened.headers[.init("Mcp-Session-Id")!])
            var inSession = headers
            inSession[.init("Mcp-Session-Id")!] = session
            inSession[.init("MCP-Protocol-Version")!] = "2025-11-25"
            // The call waits for the client's answer, so it runs on its own connection.
            let port = client.port ?? 0
            let call = Task { [inSession] () -> String in
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/mcp")
                request.method = .POST
                for field in inSession { request.headers.add(name: field.name.rawName, value: field.value) }
                request.body = .bytes(
                    ByteBuffer(string: #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"reading","arguments":{}}}"#)
                )
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                return String(buffer: try await response.body.collect(upTo: 1 << 20))
            }
            // The request's deadline sleeps on the manual clock once it was sent: then it waits.
            await clock.sleepers(1)
            #expect(dispatcher.clientRequests.pendingCount == 1)
            let answer = ByteBuffer(string: #"{"jsonrpc":"2.0","id":"srv-1","result":{"action":"decline"}}"#)
            let accepted = try await client.execute(uri: "/mcp", method: .post, headers: inSession, body: answer)
            #expect(accepted.status == .accepted && accepted.body.readableBytes == 0)
            let result = try await call.value
            #expect(result.contains("ln_test") && result.contains("ABCD-EFGH") && result.contains("decline"), "\(result)")
            let duplicate = try await client.execute(uri: "/mcp", method: .post, headers: inSession, body: answer)
            #expect(duplicate.status == .badRequest)
        }
    }
}
