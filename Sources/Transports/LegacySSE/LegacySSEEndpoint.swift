import Auth
import HTTPTypes
import Hummingbird
import Logging
import MCP
import NIOCore

/// The 2024-11-05 HTTP+SSE transport: `GET /sse` is the session, `POST /messages` feeds it.
///
/// Answers travel on the stream as `message` events and the POST only says 202, because the
/// Python client treats any 4xx on a POST as fatal; so JSON-RPC errors go on the stream too.
struct LegacySSEEndpoint: Sendable {
    let dispatcher: Dispatcher
    let sessions: SessionRegistry
    let admission: HTTPAdmission
    let streams: EventStreamResponder
    let messagesPath: String
    /// Requests of one session that may run at once.
    let maxInFlight: Int
    let logger: Logger

    /// `GET /sse`: opens a session and announces where to POST.
    func open(_ request: Request, remoteIP: String?) async -> Response {
        let caller: Caller
        switch await admission.admit(request, remoteIP: remoteIP) {
        case .refused(let response): return response
        case .admitted(let value): caller = value
        }
        let session: SessionRegistry.Session
        do {
            session = try await sessions.create(principalID: caller.principalID, transport: .sse, negotiation: nil, address: remoteIP)
        } catch {
            return HTTPReplies.sessionRefused(error, id: nil)
        }
        let outbox = session.outbox
        guard let (token, frames) = await outbox.attach(lastEventID: nil) else {
            return HTTPReplies.error(.internalError("the new session's stream is unavailable"), status: .internalServerError)
        }
        // The stream key travels only here: clients POST to this URL verbatim (the SDK's sse_client does).
        let key = session.streamKey.map { "&\(Self.streamKeyParameter)=\($0)" } ?? ""
        await outbox.sendUnbuffered(.event(id: nil, name: "endpoint", data: Array("\(messagesPath)?sessionId=\(session.id)\(key)".utf8)))
        let sessions = self.sessions
        return streams.respond(
            kind: .legacySSE,
            frames: frames,
            keepAlive: { await outbox.sendUnbuffered(.keepAlive) },
            // On shutdown, calls still running get to deliver their answers before the stream ends.
            onShutdown: { Task { await outbox.endWhenIdle(token) } },
            onClose: { await sessions.end(session.id, reason: .disconnected) }
        )
    }

    /// `POST /messages?sessionId=…`: one message for the session; its answer goes on the stream.
    func post(_ request: Request, remoteIP: String?) async -> Response {
        var request = request
        var caller: Caller
        let body: ByteBuffer
        switch await admission.admitPost(&request, remoteIP: remoteIP) {
        case .refused(let response): return response
        case .admitted(let value): (caller, body) = value
        }
        guard
            let sessionID = request.uri.queryParameters["sessionId"].map(String.init)
                ?? request.uri.queryParameters["session_id"].map(String.init)
        else {
            return HTTPReplies.error(
                .invalidRequest("the sessionId query parameter is required (from the endpoint event of GET /sse)"),
                status: .badRequest
            )
        }
        let key = request.uri.queryParameters[Substring(Self.streamKeyParameter)].map(String.init)
        guard let session = await sessions.lookup(sessionID, principalID: caller.principalID), Self.holdsStream(session, caller: caller, key: key)
        else {
            if await sessions.heldElsewhere(sessionID) {
                return await relay(
                    FleetPost(
                        sessionID: sessionID,
                        caller: FleetCaller(caller),
                        key: key,
                        body: String(decoding: body.readableBytesView, as: UTF8.self)
                    )
                )
            }
            return HTTPReplies.error(.invalidRequest("session not found or ended; open GET /sse again"), status: .notFound)
        }
        if !caller.isAuthenticated, let linked = session.linkedCaller { caller = linked }
        switch await accept(body, session: session, caller: caller, remoteIP: remoteIP) {
        case .accepted: return Self.accepted
        case .refused(let response): return response
        case .unparseable(let message): return HTTPReplies.json(message.encodedBytes, status: .badRequest)
        }
    }

    static var accepted: Response {
        Response(
            status: .accepted,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "Accepted"))
        )
    }

    enum Acceptance {
        case accepted
        case refused(Response)
        case unparseable(OutgoingMessage)
    }

    /// Routes one POSTed body of `session`; its answers go on the session's stream.
    private func accept(_ body: ByteBuffer, session: SessionRegistry.Session, caller: Caller, remoteIP: String?) async -> Acceptance {
        let parsed = JSONRPCMessage.parse(body.readableBytesView)
        let context = context(session, caller: caller)
        if case .batch(let items) = parsed {
            if let refusal = await admission.chargeBatch(items.count, caller: caller, remoteIP: remoteIP) { return .refused(refusal) }
            await runInBackground(parsed, context: context, outbox: session.outbox)
            return .accepted
        }
        switch await dispatcher.handle(parsed, context: context) {
        case .unparseable(let message): return .unparseable(message)
        case .request(let message): await handle(message, session: session, caller: caller)
        case let reply: await Self.deliver(reply, to: session.outbox)
        }
        return .accepted
    }

    /// A POST for a session whose stream another instance holds: the message crosses the bus and
    /// its answers go on that stream; 202 as for a local session.
    private func relay(_ post: FleetPost) async -> Response {
        do {
            try await sessions.relay(post)
            return Self.accepted
        } catch {
            logger.warning("could not relay a message to the instance holding its session", metadata: ["error": "\(error)"])
            return HTTPReplies.error(
                .internalError("the session's stream is on another instance and this message could not reach it: \(error)"),
                status: .serviceUnavailable
            )
        }
    }

    /// A POST another instance relayed for a session whose stream is here: checked as a local POST
    /// would be (principal, stream key), then routed; what it cannot parse is answered on the stream.
    func relayed(_ post: FleetPost) async {
        var caller = post.caller.caller
        guard let session = await sessions.lookup(post.sessionID, principalID: caller.principalID),
            Self.holdsStream(session, caller: caller, key: post.key)
        else { return }
        if !caller.isAuthenticated, let linked = session.linkedCaller { caller = linked }
        switch await accept(ByteBuffer(string: post.body), session: session, caller: caller, remoteIP: nil) {
        case .accepted: break
        case .refused: await session.outbox.send(.error(id: nil, .invalidRequest("rate limited: the batch was refused")))
        case .unparseable(let message): await session.outbox.send(message)
        }
    }

    /// The query parameter of the stream key in the `endpoint` URL.
    static let streamKeyParameter = "key"

    /// Whether a POST without credentials may act for `session`.
    ///
    /// Once a login link signed the session in, it acts as that account, and the session id sits
    /// in every POST URL (and so in proxy logs): from then on a credential-less POST must also
    /// carry the stream key, which only the `endpoint` event on the stream itself revealed.
    /// Before that, and for callers with their own credentials, the session id suffices as before.
    static func holdsStream(_ session: SessionRegistry.Session, caller: Caller, key: String?) -> Bool {
        guard !caller.isAuthenticated, session.linkedCaller != nil else { return true }
        guard let expected = session.streamKey, let key else { return false }
        return ConstantTime.equal(key, expected)
    }

    private func context(_ session: SessionRegistry.Session, caller: Caller) -> MessageContext {
        MessageContext(
            caller: caller,
            transport: .sse,
            era: .handshake(session.revision),
            sessionID: session.id,
            sessionCapabilities: session.clientCapabilities,
            related: session.outbox,
            channel: NotificationChannel(id: session.id, sink: session.outbox)
        )
    }

    /// Runs a batch as one unit of the session's in-flight work; its answers follow on the stream.
    private func runInBackground(_ parsed: ParsedBody, context: MessageContext, outbox: SessionOutbox) async {
        guard await outbox.tryBeginWork(limit: maxInFlight) else {
            await outbox.send(.error(id: nil, .tooManyInFlight(limit: maxInFlight)))
            return
        }
        let dispatcher = self.dispatcher
        Task {
            await Self.deliver(await dispatcher.handle(parsed, context: context), to: outbox)
            await outbox.endWork()
        }
    }

    /// Sends a routed body's answers on the stream, one `message` event each.
    private static func deliver(_ reply: Reply, to outbox: SessionOutbox) async {
        switch reply {
        case .none, .request: break
        case .unparseable(let message), .error(let message): await outbox.send(message)
        case .batch(let replies): for message in replies { await outbox.send(message) }
        }
    }

    private func handle(_ message: JSONRPCRequest, session: SessionRegistry.Session, caller: Caller) async {
        let outbox = session.outbox
        if session.revision == nil, message.method != "initialize", ModernEnvelope.isPresent(in: message.params) {
            // A dual-era client probing with server/discover: this transport only speaks the handshake revisions.
            await outbox.send(
                .error(
                    id: message.id,
                    .methodNotFound(message.method, detail: "the HTTP+SSE transport speaks the handshake revisions; send initialize")
                )
            )
            return
        }
        if message.method == "initialize" {
            guard session.revision == nil else {
                await outbox.send(.error(id: message.id, .invalidRequest("this session is already initialized")))
                return
            }
            let outcome = await dispatcher.handle(message, context: context(session, caller: caller))
            if case .initialized(_, let negotiation) = outcome {
                _ = await sessions.negotiated(session.id, negotiation)
            }
            if let reply = outcome.message { await outbox.send(reply) }
            return
        }
        // Long tool calls must not hold the POST open: answer 202 now, the result follows on the stream.
        let dispatcher = self.dispatcher
        let messageContext = context(session, caller: caller)
        // Each admitted request is a task; the cap keeps one session from starting unbounded work.
        guard await outbox.tryBeginWork(limit: maxInFlight) else {
            await outbox.send(.error(id: message.id, .tooManyInFlight(limit: maxInFlight)))
            return
        }
        Task {
            if let reply = await dispatcher.handle(message, context: messageContext).message {
                await outbox.send(reply)
            }
            await outbox.endWork()
        }
    }
}
