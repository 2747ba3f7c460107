import HTTPTypes
import Hummingbird
import MCP

extension StreamableHTTPEndpoint {
    /// `GET /mcp`: the server-to-client stream of a handshake session, resumable with `Last-Event-ID`.
    func get(_ request: Request, remoteIP: String?) async -> Response {
        let caller: Caller
        switch await admission.admit(request, remoteIP: remoteIP) {
        case .refused(let response): return response
        case .admitted(let value): caller = value
        }
        guard Self.isHandshakeEra(request.headers[.mcpProtocolVersion]) else {
            return HTTPReplies.methodNotAllowed(allow: "POST", message: "protocol 2026-07-28 has no GET stream; use subscriptions/listen")
        }
        guard let sessionID = request.headers[.mcpSessionID] else {
            return HTTPReplies.methodNotAllowed(allow: "POST, DELETE", message: "a GET stream needs the Mcp-Session-Id of an initialized session")
        }
        guard let session = await sessions.lookup(sessionID, principalID: caller.principalID) else {
            return HTTPReplies.error(.invalidRequest("session not found or ended; send initialize to start a new one"), status: .notFound)
        }
        let outbox = session.outbox
        guard let (token, frames) = await outbox.attach(lastEventID: request.headers[.lastEventID]) else {
            return HTTPReplies.error(.invalidRequest("session ended; send initialize to start a new one"), status: .notFound)
        }
        return streams.respond(
            kind: .sessionGet,
            frames: frames,
            keepAlive: { await outbox.sendUnbuffered(.keepAlive) },
            onShutdown: { Task { await outbox.detach(token) } },
            onClose: { await outbox.detach(token) }
        )
    }

    /// `DELETE /mcp`: the client ends its session.
    func delete(_ request: Request, remoteIP: String?) async -> Response {
        let caller: Caller
        switch await admission.admit(request, remoteIP: remoteIP) {
        case .refused(let response): return response
        case .admitted(let value): caller = value
        }
        guard Self.isHandshakeEra(request.headers[.mcpProtocolVersion]) else {
            return HTTPReplies.methodNotAllowed(allow: "POST", message: "protocol 2026-07-28 has no sessions to delete")
        }
        guard let sessionID = request.headers[.mcpSessionID] else {
            return HTTPReplies.methodNotAllowed(allow: "GET, POST", message: "DELETE needs the Mcp-Session-Id of the session to end")
        }
        guard await sessions.lookup(sessionID, principalID: caller.principalID) != nil else {
            return HTTPReplies.error(.invalidRequest("session not found or already ended"), status: .notFound)
        }
        await sessions.end(sessionID)
        return Response(status: .ok)
    }
}
