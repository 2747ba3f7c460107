import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Transports

/// Issue 10, point 5: CORS for browser MCP clients, allowed origins only, never `*`.
@Suite("CORS middleware")
struct CORSMiddlewareTests {
    static let policy = OriginPolicy(
        publicURL: URL(string: "https://mcp.example")!,
        allowedOrigins: ["https://inspector.example"],
        allowsLoopbackOrigins: false
    )

    static func withRouter(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router()
        router.add(middleware: CORSMiddleware(origins: policy))
        router.post("/mcp") { _, _ in Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"x\""]) }
        router.get("/token") { _, _ -> Response in throw HTTPError(.badRequest) }
        router.get("/healthz") { _, _ in Response(status: .ok) }
        try await Application(router: router).test(.router) { client in try await body(client) }
    }

    static let preflight: HTTPFields = [
        .origin: "https://inspector.example", .accessControlRequestMethod: "POST",
        .accessControlRequestHeaders: "Authorization, Mcp-Session-Id, Mcp-Param-Region, X-Evil",
    ]

    @Test("an allowed origin's preflight is answered with its own origin and the MCP headers")
    func allowedPreflight() async throws {
        try await Self.withRouter { client in
            try await client.execute(uri: "/mcp", method: .options, headers: Self.preflight) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://inspector.example")
                #expect(response.headers[.accessControlAllowCredentials] == nil)
                let allowed = response.headers[.accessControlAllowHeaders] ?? ""
                #expect(allowed.contains("mcp-session-id") && allowed.contains("mcp-param-region") && !allowed.contains("x-evil"))
            }
        }
    }

    @Test("another origin's preflight is refused without CORS headers")
    func refusedPreflight() async throws {
        try await Self.withRouter { client in
            var headers = Self.preflight
            headers[.origin] = "https://evil.example"
            try await client.execute(uri: "/mcp", method: .options, headers: headers) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
        }
    }

    @Test("responses, thrown errors included, expose the session and challenge headers to allowed origins only")
    func responses() async throws {
        try await Self.withRouter { client in
            try await client.execute(uri: "/mcp", method: .post, headers: [.origin: "https://mcp.example"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == "https://mcp.example")
                #expect(response.headers[.accessControlExposeHeaders]?.contains("WWW-Authenticate") == true)
                #expect(response.headers[.accessControlExposeHeaders]?.contains("Mcp-Session-Id") == true)
                #expect(response.headers[.vary]?.contains("Origin") == true)
            }
            try await client.execute(uri: "/token", method: .get, headers: [.origin: "https://inspector.example"]) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.accessControlAllowOrigin] == "https://inspector.example")
            }
            try await client.execute(uri: "/mcp", method: .post, headers: [.origin: "https://evil.example"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
            try await client.execute(uri: "/mcp", method: .post) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [.origin: "https://inspector.example"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil, "CORS covers the MCP and OAuth paths only")
            }
        }
    }
}
