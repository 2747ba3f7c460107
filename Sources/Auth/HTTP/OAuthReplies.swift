import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Response builders shared by the OAuth endpoints.
enum OAuthReplies {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// JSON with `Cache-Control: no-store`: token responses and errors must never be cached (RFC 6749 §5.1).
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, extra: HTTPFields = [:]) -> Response {
        let bytes = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    struct ErrorBody: Encodable {
        var error: String
        var errorDescription: String

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    /// An RFC 6749 §5.2 error; `invalid_client` after Basic auth carries `WWW-Authenticate: Basic`.
    static func error(_ error: OAuthError, basicAuthUsed: Bool = false) -> Response {
        var extra: HTTPFields = [:]
        if error.status == .unauthorized, basicAuthUsed { extra[.wwwAuthenticate] = "Basic realm=\"discogs-mcp\"" }
        return json(ErrorBody(error: error.code, errorDescription: error.detail), status: error.status, extra: extra)
    }

    /// Discovery documents are public and briefly cacheable; browser clients get CORS headers
    /// for allowed origins from the transport's CORS middleware.
    static func metadata(_ value: some Encodable) -> Response {
        let bytes = (try? encoder.encode(value)) ?? Data("{}".utf8)
        let headers: HTTPFields = [
            .contentType: "application/json", .cacheControl: "public, max-age=300",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func preflight() -> Response {
        Response(
            status: .noContent,
            headers: [
                .accessControlAllowMethods: "GET, POST, OPTIONS",
                .accessControlAllowHeaders: "Authorization, Content-Type, MCP-Protocol-Version", .accessControlMaxAge: "86400",
            ]
        )
    }
}
