/// What a transport does with one parsed body, decided once for every transport.
///
/// Transports only frame: HTTP turns `.unparseable` and `.error` into a 400 with that body and
/// `.none` into 202, stream transports write the messages as they are.
public enum Reply: Sendable {
    /// Nothing goes back: a notification (already handled), a batch of notifications only, or a
    /// client's response (routed to the server request it answers, or dropped on a stream transport).
    case none
    /// The body is not JSON (code -32700); there is no message to answer.
    case unparseable(OutgoingMessage)
    /// One error answer: an invalid message, a batch this revision does not accept, or a
    /// response posted to Streamable HTTP that answers no pending server request.
    case error(OutgoingMessage)
    /// The answers of a batch, in request order; never empty.
    case batch([OutgoingMessage])
    /// One request for the transport to run with `handle(_:context:)` under its own admission
    /// (in-flight caps, session creation, streaming).
    case request(JSONRPCRequest)
}

extension Dispatcher {
    /// Routes one parsed body: batches, notifications, responses and invalid messages are settled
    /// here; a single request is handed back to the transport.
    ///
    /// Batches exist only in 2025-03-26 (JSON-RPC 2.0 §6; removed in MCP 2025-06-18, absent from
    /// 2026-07-28); `initialize` must not be part of one (MCP 2025-03-26, "Lifecycle"). A 2026-07-28
    /// request over HTTP is cancelled by closing its stream, so `notifications/cancelled` posted
    /// there is not acted on (MCP 2026-07-28, "Transports", cancellation).
    public func handle(_ body: ParsedBody, context: MessageContext) async -> Reply {
        switch body {
        case .unparseable(let error):
            return .unparseable(.error(id: nil, error))
        case .single(.failure(let invalid)):
            return invalid.isNotification ? .none : .error(.error(id: invalid.id, invalid.error))
        case .single(.success(.response(let response))):
            if routeResponse(response, context: context) { return .none }
            return Self.unsolicitedResponse(context: context).map(Reply.error) ?? .none
        case .single(.success(.notification(let notification))):
            if !Self.ignoresNotifications(context) { await handle(notification, context: context) }
            return .none
        case .single(.success(.request(let request))):
            return .request(request)
        case .batch(let items):
            if let refusal = Self.batchRefusal(context: context) { return .error(refusal) }
            let replies = await handleBatch(items, context: context)
            return replies.isEmpty ? .none : .batch(replies)
        }
    }

    /// Runs a batch's messages in order and collects the answers to its requests.
    private func handleBatch(_ items: [Result<JSONRPCMessage, InvalidMessage>], context: MessageContext) async -> [OutgoingMessage] {
        var replies: [OutgoingMessage] = []
        for item in items {
            switch item {
            case .failure(let invalid):
                if !invalid.isNotification { replies.append(.error(id: invalid.id, invalid.error)) }
            case .success(.notification(let notification)):
                await handle(notification, context: context)
            case .success(.response(let response)):
                _ = routeResponse(response, context: context)
            case .success(.request(let request)) where request.method == "initialize":
                replies.append(.error(id: request.id, .invalidRequest("initialize must not be part of a batch")))
            case .success(.request(let request)):
                if let reply = await handle(request, context: context).message { replies.append(reply) }
            }
        }
        return replies
    }

    /// Hands a client's response to the server request it answers; false (logged) when none of
    /// this session waits on its id: unknown, duplicate or late answers are dropped, never fatal.
    /// 2026-07-28 has no server requests (input travels inside results), so nothing waits there.
    func routeResponse(_ response: JSONRPCResponse, context: MessageContext) -> Bool {
        if context.era != .modern, clientRequests.resolve(response, session: Self.clientSessionKey(context)) { return true }
        log?(
            "ignored a client response that answers no pending server request",
            ["id": response.id?.description ?? "invalid", "transport": context.transport.rawValue, "isError": "\(response.isError)"]
        )
        return false
    }

    /// The error for a batch the context's revision does not accept, or nil when it does.
    static func batchRefusal(context: MessageContext) -> OutgoingMessage? {
        switch context.era {
        case .modern:
            return .error(id: nil, .invalidRequest("JSON-RPC batches are not part of protocol 2026-07-28"))
        case .handshake(let revision):
            if revision?.acceptsBatches == true { return nil }
            let uses = revision.map { "; this session uses \($0.rawValue)" } ?? ""
            return .error(id: nil, .invalidRequest("JSON-RPC batches are only accepted in protocol 2025-03-26\(uses)"))
        }
    }

    /// The refusal of a client's response that answers nothing, on Streamable HTTP, which answers
    /// every POST with 202 or an HTTP error (MCP 2025-11-25, "Transports": 202 when accepted, 400
    /// when not); stream transports have no way to refuse one and ignore it.
    static func unsolicitedResponse(context: MessageContext) -> OutgoingMessage? {
        guard context.transport == .streamableHTTP else { return nil }
        switch context.era {
        case .modern:
            return .error(id: nil, .invalidRequest("clients must not send responses in protocol 2026-07-28"))
        case .handshake:
            return .error(id: nil, .invalidRequest("this response answers no pending request of this session"))
        }
    }

    /// Whether notifications are only acknowledged: 2026-07-28 over HTTP cancels by closing streams.
    static func ignoresNotifications(_ context: MessageContext) -> Bool {
        context.era == .modern && context.transport == .streamableHTTP
    }
}
