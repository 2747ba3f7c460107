import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// CORS for browser-based MCP clients (the MCP Inspector in a browser) on the MCP and OAuth endpoints.
///
/// Only origins the `OriginPolicy` allows get CORS headers, and always their own origin echoed
/// (never `*`, and never `Access-Control-Allow-Credentials`: bearer tokens travel in
/// `Authorization`, not cookies). Preflights are answered here, before routing, for the paths
/// browsers call cross-origin; a preflight from another origin gets 403 without CORS headers, so the
/// browser stops before sending anything. Responses expose `Mcp-Session-Id` (the session to echo),
/// `WWW-Authenticate` (the 401 challenge that starts OAuth) and `Mcp-Protocol-Version`.
public struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: OriginPolicy
    /// The paths browsers call cross-origin: the MCP endpoints and OAuth's (routes sit at the root
    /// even behind a path-prefixing proxy, which strips its prefix).
    let paths = ["/mcp", "/sse", "/messages", "/token", "/register", "/revoke", "/.well-known/"]
    static var exposed: String { "Mcp-Session-Id, WWW-Authenticate, Mcp-Protocol-Version, Retry-After" }
    static var methods: String { "GET, POST, DELETE, OPTIONS" }
    /// Request headers a browser client may send; `Mcp-Param-*` (2026-07-28) is matched by prefix.
    static var allowedHeaders: Set<String> {
        ["authorization", "content-type", "accept", "mcp-session-id", "mcp-protocol-version", "last-event-id", "mcp-method", "mcp-name"]
    }

    public init(origins: OriginPolicy) {
        self.origins = origins
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard covers(request.uri.path), let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origins.allows(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else { return Self.refusedPreflight() }
            return Self.preflight(origin: origin, requested: request.headers[.accessControlRequestHeaders])
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.accessControlAllowOrigin] = nil
        if allowed { Self.decorate(&response.headers, origin: origin) }
        return response
    }

    func covers(_ path: String) -> Bool {
        paths.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    static func decorate(_ headers: inout HTTPFields, origin: String) {
        headers[.accessControlAllowOrigin] = origin
        headers[.accessControlExposeHeaders] = exposed
        let vary = headers[.vary].map { $0.lowercased().contains("origin") ? $0 : "\($0), Origin" } ?? "Origin"
        headers[.vary] = vary
    }

    static func preflight(origin: String, requested: String?) -> Response {
        var headers: HTTPFields = [
            .accessControlAllowMethods: methods, .accessControlMaxAge: "600", .cacheControl: "no-store",
        ]
        decorate(&headers, origin: origin)
        let asked = (requested ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        let granted = Set(asked.filter { allowedHeaders.contains($0) || $0.hasPrefix("mcp-param-") }).union(allowedHeaders)
        headers[.accessControlAllowHeaders] = granted.sorted().joined(separator: ", ")
        headers[.vary] = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
        return Response(status: .noContent, headers: headers)
    }

    static func refusedPreflight() -> Response {
        Response(
            status: .forbidden,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store", .vary: "Origin"],
            body: ResponseBody(
                byteBuffer: ByteBuffer(string: "Origin not allowed: add it to DISCOGS_MCP_ALLOWED_ORIGINS to use this server from that web page.\n")
            )
        )
    }
}
