import Foundation
import HTTPTypes
import Hummingbird

/// Builds the fake's responses: JSON bodies, Discogs-shaped errors, form and text bodies.
enum FakeReply {
    static func json(_ value: FakeJSON, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.bytes)))
    }

    static func noContent() -> Response { Response(status: .noContent) }

    static func form(_ pairs: [(String, String)]) -> Response {
        let body = pairs.map { "\(OAuthSignature.percentEncode($0.0))=\(OAuthSignature.percentEncode($0.1))" }.joined(separator: "&")
        return text(body, contentType: "application/x-www-form-urlencoded")
    }

    static func text(_ body: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func error(_ error: FakeDiscogsError) -> Response {
        let status = HTTPResponse.Status(code: error.status)
        if error.plainText { return text(error.message, status: status) }
        var body: FakeJSON = ["message": .string(error.message)]
        if let detail = error.detail { body = body.setting("detail", detail) }
        return json(body, status: status)
    }
}

extension FakeReply {
    /// A 200 JSON answer whose body stops after a few bytes and whose connection then drops: the
    /// client sees a reset in the middle of a response, not a clean error.
    static func droppedMidBody() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = "4096"
        return Response(
            status: .ok,
            headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "{\"pagination\": {\"page\": 1, "))
                throw DroppedConnection()
            }
        )
    }

    /// Thrown by a response body writer so the server closes the connection mid-body.
    struct DroppedConnection: Error {}
}
