import Foundation
import HTTPTypes
import Hummingbird
import MCP
import NIOCore

/// Builders for the few response shapes the MCP endpoints produce.
enum HTTPReplies {
    /// A JSON answer, compressed when the request allows it (`ResponseCompression`) and it is large enough.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        if let coding = ResponseCompression.coding(forBodyOf: bytes.count), let compressed = ResponseCompression.compress(bytes, as: coding) {
            fields[.contentEncoding] = coding.rawValue
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: compressed))
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON-RPC message as a JSON answer; a shared result (a `tools/list` page) is compressed
    /// by splicing its once-deflated copy instead of compressing the whole answer again.
    static func json(_ message: OutgoingMessage, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        if let shared = message.sharedResult,
            let coding = ResponseCompression.coding(forBodyOf: shared.prefix.count + shared.result.bytes.count + shared.suffix.count),
            let deflated = SplicedDeflate.of(shared.result)
        {
            var fields = headers
            fields[.contentType] = "application/json"
            fields[.contentEncoding] = coding.rawValue
            let body = deflated.answer(prefix: shared.prefix, suffix: shared.suffix, as: coding)
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: body))
        }
        return json(message.encodedBytes, status: status, headers: headers)
    }

    static func error(_ error: JSONRPCError, id: MCP.RequestID? = nil, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        json(OutgoingMessage.error(id: id, error).encodedBytes, status: status, headers: headers)
    }

    /// The HTTP form of a routed body: 202 when nothing goes back, 400 for an error, 200 for a batch.
    static func reply(_ reply: Reply) -> Response {
        switch reply {
        case .none: return accepted()
        case .unparseable(let message), .error(let message): return json(message.encodedBytes, status: .badRequest)
        case .batch(let replies): return json(replies.encodedBatch)
        case .request(let request): return error(.internalError("the request was not run"), id: request.id, status: .internalServerError)
        }
    }

    /// 202 with an empty body: the only acceptable answer to an accepted notification or response.
    static func accepted(headers: HTTPFields = [:]) -> Response {
        Response(status: .accepted, headers: headers, body: ResponseBody())
    }

    static func methodNotAllowed(allow: String, message: String) -> Response {
        var fields = HTTPFields()
        fields[.allow] = allow
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .methodNotAllowed, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    static func forbiddenOrigin() -> Response {
        error(JSONRPCError.invalidRequest("Origin not allowed; add it to DISCOGS_MCP_ALLOWED_ORIGINS"), status: .forbidden)
    }

    static func unsupportedMediaType(_ contentType: String?) -> Response {
        error(
            .invalidRequest("Content-Type must be application/json, got \(contentType ?? "none")"),
            status: .unsupportedMediaType
        )
    }

    static func tooLarge(limit: Int) -> Response {
        error(.invalidRequest("the body exceeds the \(limit)-byte limit"), status: .contentTooLarge)
    }

    /// 429 with `Retry-After`; the JSON-RPC body uses an application code (429) outside the reserved range.
    static func rateLimited(retryAfter: Duration) -> Response {
        let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
        var fields = HTTPFields()
        fields[.retryAfter] = String(seconds)
        return error(
            JSONRPCError(
                code: 429,
                message: "Too many requests from this account or address; retry in \(seconds) s",
                data: ["retryAfterSeconds": .int(Int64(seconds))]
            ),
            status: .tooManyRequests,
            headers: fields
        )
    }

    /// 429 for the OAuth endpoints, whose clients expect an RFC 6749-shaped JSON body.
    static func rateLimitedPlain(retryAfter: Duration) -> Response {
        let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
        let body = #"{"error":"slow_down","error_description":"too many requests from this address; retry in \#(seconds) s"}"#
        return Response(
            status: .tooManyRequests,
            headers: [.retryAfter: String(seconds), .contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    /// 403 for a tool call whose scope the grant lacks (RFC 6750 §3.1 `insufficient_scope`): the client steps up.
    static func insufficientScope(_ wwwAuthenticate: String, message: String, id: MCP.RequestID?) -> Response {
        var fields = HTTPFields()
        fields[.wwwAuthenticate] = wwwAuthenticate
        return error(JSONRPCError(code: JSONRPCError.invalidRequestCode, message: message), id: id, status: .forbidden, headers: fields)
    }

    /// 503 when the session registry is at its bound (`DISCOGS_MCP_MAX_SESSIONS`).
    static func sessionsFull(id: MCP.RequestID?) -> Response {
        var fields = HTTPFields()
        fields[.retryAfter] = "30"
        return error(
            .internalError("the server holds its maximum number of sessions; retry later"),
            id: id,
            status: .serviceUnavailable,
            headers: fields
        )
    }

    static func challenge(_ wwwAuthenticate: String, reason: String) -> Response {
        var fields = HTTPFields()
        fields[.wwwAuthenticate] = wwwAuthenticate
        return error(.invalidRequest(reason), status: .unauthorized, headers: fields)
    }

    /// The HTTP status a 2026-07-28 answer travels with: errors are 4xx so clients can tell them
    /// apart from legacy failures, except faults inside a handled call.
    static func modernStatus(for message: OutgoingMessage) -> HTTPResponse.Status {
        guard let error = message.error else { return .ok }
        switch error.code {
        case JSONRPCError.methodNotFoundCode: return .notFound
        case JSONRPCError.invalidParamsCode, JSONRPCError.invalidRequestCode, JSONRPCError.parseErrorCode,
            JSONRPCError.headerMismatchCode, JSONRPCError.missingClientCapabilityCode, JSONRPCError.unsupportedProtocolVersionCode:
            return .badRequest
        default: return .ok
        }
    }

    /// True when the client accepts `application/json` answers (missing or `*/*` count as yes).
    static func acceptsJSON(_ accept: String?) -> Bool {
        guard let accept, !accept.isEmpty else { return true }
        let lowered = accept.lowercased()
        return lowered.contains("application/json") || lowered.contains("*/*") || lowered.contains("application/*")
            || !lowered.contains("text/event-stream")
    }

    static func acceptsEventStream(_ accept: String?) -> Bool {
        guard let accept else { return false }
        let lowered = accept.lowercased()
        return lowered.contains("text/event-stream") || lowered.contains("*/*")
    }

    static func isJSONContentType(_ value: String?) -> Bool {
        guard let value else { return true }
        // Nearly every client sends exactly this; skip the allocation-heavy general path for it.
        if value == "application/json" { return true }
        let media = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media == "application/json" || (media.hasPrefix("application/") && media.hasSuffix("+json"))
    }
}
