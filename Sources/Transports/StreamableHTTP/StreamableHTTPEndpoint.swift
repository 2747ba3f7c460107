import HTTPTypes
import Hummingbird
import Logging
import MCP
import NIOCore

/// `/mcp`: Streamable HTTP for every revision on one endpoint.
///
/// The `MCP-Protocol-Version` header picks the era, as the Python SDK's router does: absent or
/// a handshake revision means the session-based rules of 2025-03-26…2025-11-25; any other value
/// goes to the stateless 2026-07-28 ladder (which is what answers unknown versions with -32022).
struct StreamableHTTPEndpoint: Sendable {
    let dispatcher: Dispatcher
    let sessions: SessionRegistry
    let admission: HTTPAdmission
    let streams: EventStreamResponder
    /// Requests of one session that may run at once.
    let maxInFlight: Int
    let logger: Logger

    /// Whether a request with this `MCP-Protocol-Version` follows the handshake-era rules.
    static func isHandshakeEra(_ versionHeader: String?) -> Bool {
        guard let versionHeader else { return true }
        return ProtocolRevision(rawValue: versionHeader).map { !$0.isModern } ?? false
    }

    func post(_ request: Request, remoteIP: String?) async -> Response {
        var request = request
        let caller: Caller
        let body: ByteBuffer
        switch await admission.admitPost(&request, remoteIP: remoteIP) {
        case .refused(let response): return response
        case .admitted(let value): (caller, body) = value
        }
        let parsed = JSONRPCMessage.parse(body.readableBytesView)
        if case .unparseable(let error) = parsed {
            return HTTPReplies.error(error, status: .badRequest)
        }
        if case .batch(let items) = parsed, let refusal = await admission.chargeBatch(items.count, caller: caller, remoteIP: remoteIP) {
            return refusal
        }
        if let refusal = insufficientScope(parsed, caller: caller) { return refusal }
        if Self.isHandshakeEra(request.headers[.mcpProtocolVersion]) {
            return await postHandshake(parsed, request: request, caller: caller, remoteIP: remoteIP)
        }
        return await postModern(parsed, request: request, caller: caller, remoteIP: remoteIP)
    }

    /// A `tools/call` for a tool whose scope the OAuth grant lacks is refused at the HTTP layer
    /// with 403 `insufficient_scope`, naming every scope the call needs (the grant's and the
    /// tool's), so the client re-authorizes with the union and retries (RFC 6750 §3.1; MCP specification 2025-11-25, "Authorization", scope challenge handling).
    private func insufficientScope(_ parsed: ParsedBody, caller: Caller) -> Response? {
        guard let challenge = admission.scopeChallenge, caller.kind == "oauth",
            case .single(.success(.request(let message))) = parsed, message.method == "tools/call",
            let name = message.params["name"]?.stringValue, let tool = dispatcher.registry.tool(named: name),
            let needed = tool.definition.requiredScope, !caller.scopes.contains(needed)
        else { return nil }
        let scopes = Array(caller.scopes.union([needed])).sorted()
        return HTTPReplies.insufficientScope(
            challenge(scopes),
            message:
                "Tool \(name) needs the '\(needed)' scope, which this authorization does not grant; re-authorize with scope \"\(scopes.joined(separator: " "))\"",
            id: message.id
        )
    }

    // MARK: Handshake era

    private func postHandshake(_ parsed: ParsedBody, request: Request, caller: Caller, remoteIP: String?) async -> Response {
        let sessionHeader = request.headers[.mcpSessionID]
        if case .single(.success(.request(let initialize))) = parsed, initialize.method == "initialize" {
            guard sessionHeader == nil else {
                return HTTPReplies.error(
                    .invalidRequest("initialize starts a new session and must not carry Mcp-Session-Id"),
                    id: initialize.id,
                    status: .badRequest
                )
            }
            return await open(initialize, caller: caller, address: remoteIP)
        }
        guard let sessionHeader else {
            return HTTPReplies.error(
                .invalidRequest("the Mcp-Session-Id header is required; send initialize first to get one"),
                status: .badRequest
            )
        }
        guard let session = await sessions.lookup(sessionHeader, principalID: caller.principalID),
            let revision = session.revision
        else {
            return HTTPReplies.error(.invalidRequest("session not found or ended; send initialize to start a new one"), status: .notFound)
        }
        let context = MessageContext(
            caller: caller,
            transport: .streamableHTTP,
            era: .handshake(revision),
            sessionID: session.id,
            sessionCapabilities: session.clientCapabilities,
            channel: NotificationChannel(id: session.id, sink: session.outbox)
        )
        if case .batch = parsed {
            // A batch is one unit of work for the session's in-flight cap.
            guard await session.outbox.tryBeginWork(limit: maxInFlight) else {
                return HTTPReplies.error(.tooManyInFlight(limit: maxInFlight), status: .tooManyRequests)
            }
            let reply = await dispatcher.handle(parsed, context: context)
            await session.outbox.endWork()
            return HTTPReplies.reply(reply)
        }
        switch await dispatcher.handle(parsed, context: context) {
        case .request(let message):
            guard await session.outbox.tryBeginWork(limit: maxInFlight) else {
                return HTTPReplies.error(.tooManyInFlight(limit: maxInFlight), id: message.id, status: .tooManyRequests)
            }
            return await answer(message, request: request, context: context, work: session.outbox, status: { _ in .ok })
        case let reply:
            return HTTPReplies.reply(reply)
        }
    }

    private func open(_ initialize: JSONRPCRequest, caller: Caller, address: String?) async -> Response {
        let context = MessageContext(caller: caller, transport: .streamableHTTP, era: .handshake(nil))
        guard case .initialized(let message, let negotiation) = await dispatcher.handle(initialize, context: context) else {
            return HTTPReplies.error(.internalError("initialize did not complete"), id: initialize.id, status: .internalServerError)
        }
        do {
            let session = try await sessions.create(
                principalID: caller.principalID,
                transport: .streamableHTTP,
                negotiation: negotiation,
                address: address
            )
            var headers = HTTPFields()
            headers[.mcpSessionID] = session.id
            return HTTPReplies.json(message.encodedBytes, headers: headers)
        } catch {
            return HTTPReplies.sessionRefused(error, id: initialize.id)
        }
    }

    // MARK: 2026-07-28

    private func postModern(_ parsed: ParsedBody, request: Request, caller: Caller, remoteIP: String?) async -> Response {
        let headers = request.headers
        let routing = RoutingHeaders(
            protocolVersion: headers[.mcpProtocolVersion],
            method: headers[.mcpMethod],
            name: headers[.mcpName],
            duplicated: [HTTPField.Name.mcpProtocolVersion, .mcpMethod, .mcpName].filter { headers[values: $0].count > 1 }.map(\.rawName)
        )
        let context = MessageContext(caller: caller, transport: .streamableHTTP, era: .modern, routingHeaders: routing)
        let message: JSONRPCRequest
        switch await dispatcher.handle(parsed, context: context) {
        case .request(let value): message = value
        case let reply: return HTTPReplies.reply(reply)
        }
        if message.method == "subscriptions/listen" {
            let outcome = await dispatcher.handle(message, context: context)
            if case .listen(let listen) = outcome {
                let ticket: UInt64
                do {
                    ticket = try await sessions.openListenStream(principalID: caller.principalID, address: remoteIP)
                } catch {
                    return HTTPReplies.sessionRefused(error, id: message.id)
                }
                return await subscribe(listen, request: request, caller: caller, ticket: ticket)
            }
            guard let reply = outcome.message else {
                return HTTPReplies.error(.internalError("no answer"), id: message.id, status: .internalServerError)
            }
            return HTTPReplies.json(reply, status: HTTPReplies.modernStatus(for: reply))
        }
        return await answer(message, request: request, context: context, status: HTTPReplies.modernStatus)
    }

    /// A 2026 listen stream: the acknowledgement first, then a `tools/list_changed` per change and a
    /// `resources/updated` per change of a subscribed resource, and a completion result if the
    /// server shuts down first.
    private func subscribe(_ listen: ListenRequest, request: Request, caller: Caller, ticket: UInt64) async -> Response {
        let (frames, continuation) = AsyncStream<SSEFrame>.makeStream(bufferingPolicy: .bufferingNewest(64))
        // Subscribed before the acknowledgement, which names the honoured URIs and is the first frame.
        let channel = listen.channelID(prefix: "http-\(ticket)")
        let resourceSubscriptions = dispatcher.subscriptions
        let listen = await dispatcher.openResourceSubscriptions(listen, caller: caller, channel: channel) { uri in
            continuation.yield(.message(listen.resourceUpdatedNotification(uri: uri)))
        }
        continuation.yield(.message(listen.acknowledgement))
        let hub = dispatcher.listChanges
        let subscription = Task { () -> ListChangeHub.Subscription? in
            guard listen.toolsListChanged else { return nil }
            return await hub.subscribe(principalID: caller.principalID) { _ in
                continuation.yield(.message(listen.toolsListChangedNotification))
            }
        }
        return streams.respond(
            kind: .listen,
            frames: frames,
            keepAlive: { continuation.yield(.keepAlive) },
            onShutdown: {
                continuation.yield(.message(listen.completion))
                continuation.yield(.end)
                continuation.finish()
            },
            onClose: { [sessions] in
                await sessions.closeListenStream(ticket)
                await resourceSubscriptions?.drop(channel: channel)
                if let token = await subscription.value { await hub.unsubscribe(token) }
            }
        )
    }

    // MARK: Answering a request

    /// Answers one request as JSON, or as an SSE stream when the client asked for progress and accepts SSE.
    private func answer(
        _ message: JSONRPCRequest,
        request: Request,
        context: MessageContext,
        work: SessionOutbox? = nil,
        status: @escaping @Sendable (OutgoingMessage) -> HTTPResponse.Status
    ) async -> Response {
        let wantsProgress = message.method == "tools/call" && message.meta["progressToken"] != nil
        let accept = request.headers[.accept]
        let streamed = wantsProgress && HTTPReplies.acceptsEventStream(accept) || !HTTPReplies.acceptsJSON(accept)
        guard streamed else {
            let reply = await dispatcher.handle(message, context: context).message
            await work?.endWork()
            guard let reply else {
                return HTTPReplies.error(.internalError("no answer"), id: message.id, status: .internalServerError)
            }
            return HTTPReplies.json(reply, status: status(reply))
        }
        let (frames, continuation) = AsyncStream<SSEFrame>.makeStream()
        var streamingContext = context
        streamingContext.related = StreamSink(continuation: continuation)
        let dispatcher = self.dispatcher
        let work = Task {
            let outcome = await dispatcher.handle(message, context: streamingContext)
            if let reply = outcome.message { continuation.yield(.message(reply)) }
            continuation.yield(.end)
            continuation.finish()
            await work?.endWork()
        }
        // 2026-07-28: a closed response stream is the cancellation. Handshake revisions: a dropped
        // connection SHOULD NOT cancel, so the call runs to completion.
        let cancelOnClose = context.era == .modern
        return streams.respond(
            kind: .response,
            frames: frames,
            keepAlive: { continuation.yield(.keepAlive) },
            // On shutdown the call finishes and its result ends the stream.
            onShutdown: {},
            onClose: { if cancelOnClose { work.cancel() } }
        )
    }

}

/// Sends related messages (progress) into a request's own SSE stream.
struct StreamSink: MessageSink {
    let continuation: AsyncStream<SSEFrame>.Continuation

    func send(_ message: OutgoingMessage) async {
        continuation.yield(.message(message))
    }
}
