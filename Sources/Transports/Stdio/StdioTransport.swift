import Logging
import MCP

/// MCP over stdin/stdout for a local client that starts the server as a subprocess.
///
/// Each line is dispatched on its own: one carrying the 2026 `_meta` envelope is served
/// statelessly, anything else follows the handshake state of this process. Requests run
/// concurrently (so `notifications/cancelled` can reach a running call); `initialize` is
/// handled inline so later lines see the negotiated revision. On EOF the transport waits for
/// running calls and returns.
public struct StdioTransport: Sendable {
    let dispatcher: Dispatcher
    let caller: Caller
    let maximumLineBytes: Int
    /// Requests that may run at once; further ones are refused until answers went out.
    let maximumInFlight: Int
    let logger: Logger

    public init(dispatcher: Dispatcher, caller: Caller, maximumLineBytes: Int, maximumInFlight: Int = 32, logger: Logger) {
        self.dispatcher = dispatcher
        self.caller = caller
        self.maximumLineBytes = maximumLineBytes
        self.maximumInFlight = maximumInFlight
        self.logger = logger
    }

    public func run(input: Int32 = 0, output: Int32 = 1) async {
        let writer = StdoutWriter(fileDescriptor: output)
        let state = StdioState()
        let lines = LineReader.lines(fileDescriptor: input, maximumLength: maximumLineBytes)
        await withDiscardingTaskGroup { group in
            for await line in lines {
                guard case .line(let bytes) = line else {
                    await writer.send(.error(id: nil, .invalidRequest("the message exceeds the \(maximumLineBytes)-byte limit")))
                    continue
                }
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                let parsed = JSONRPCMessage.parse(bytes)
                let context = await context(for: Self.params(of: parsed), state: state, related: writer)
                switch await dispatcher.handle(parsed, context: context) {
                case .none: break
                case .unparseable(let message), .error(let message): await writer.send(message)
                case .batch(let replies): await writer.write(replies.encodedBatch)
                case .request(let request):
                    if request.method == "initialize", case .handshake = context.era {
                        // Inline, so the next line already sees the negotiated revision.
                        await initialize(request, context: context, state: state, writer: writer)
                        continue
                    }
                    // One task per request, but never more than `maximumInFlight` at once.
                    guard await state.beginWork(limit: maximumInFlight) else {
                        await writer.send(.error(id: request.id, .tooManyInFlight(limit: maximumInFlight)))
                        continue
                    }
                    group.addTask {
                        await RequestTrace.$id.withValue(RequestTrace.newID()) {
                            await self.serve(request, context: context, writer: writer)
                        }
                        await state.endWork()
                    }
                }
            }
        }
        logger.info("stdin closed; stdio transport finished")
    }

    /// The params that pick a line's era: a single message's own, none for a batch (always handshake-era).
    private static func params(of parsed: ParsedBody) -> [String: JSONValue] {
        switch parsed {
        case .single(.success(.request(let request))): return request.params
        case .single(.success(.notification(let notification))): return notification.params
        default: return [:]
        }
    }

    /// Answers `initialize` and, the first time, subscribes stdout to this principal's list changes.
    private func initialize(_ request: JSONRPCRequest, context: MessageContext, state: StdioState, writer: StdoutWriter) async {
        let outcome = await dispatcher.handle(request, context: context)
        if case .initialized(_, let negotiation) = outcome, await state.negotiate(negotiation) {
            _ = await dispatcher.listChanges.subscribe(principalID: caller.principalID) { _ in
                await writer.send(.notification(method: "notifications/tools/list_changed", params: nil))
            }
        }
        if let reply = outcome.message { await writer.send(reply) }
    }

    private func serve(_ request: JSONRPCRequest, context: MessageContext, writer: StdoutWriter) async {
        let outcome = await dispatcher.handle(request, context: context)
        switch outcome {
        case .listen(let requested):
            let listen = await dispatcher.openResourceSubscriptions(requested, caller: caller, channel: requested.channelID(prefix: "stdio")) { uri in
                await writer.send(requested.resourceUpdatedNotification(uri: uri))
            }
            await writer.send(listen.acknowledgement)
            if listen.toolsListChanged {
                _ = await dispatcher.listChanges.subscribe(principalID: caller.principalID) { _ in
                    await writer.send(listen.toolsListChangedNotification)
                }
            }
        default:
            if let reply = outcome.message { await writer.send(reply) }
        }
    }

    private func context(for params: [String: JSONValue], state: StdioState, related: StdoutWriter) async -> MessageContext {
        if ModernEnvelope.isPresent(in: params) {
            return MessageContext(caller: caller, transport: .stdio, era: .modern, related: related)
        }
        return MessageContext(
            caller: caller,
            transport: .stdio,
            era: .handshake(await state.revision),
            sessionCapabilities: await state.capabilities,
            related: related,
            channel: NotificationChannel(id: "stdio", sink: related)
        )
    }
}

/// The handshake state of the stdio connection (one client per process).
actor StdioState {
    private(set) var revision: ProtocolRevision?
    private(set) var capabilities: [String: JSONValue] = [:]
    private var inFlight = 0

    /// Counts a request in unless `limit` are already running.
    func beginWork(limit: Int) -> Bool {
        guard inFlight < limit else { return false }
        inFlight += 1
        return true
    }

    func endWork() {
        inFlight = max(0, inFlight - 1)
    }

    /// Records the handshake; returns true the first time.
    func negotiate(_ negotiation: Negotiation) -> Bool {
        let first = revision == nil
        revision = negotiation.revision
        capabilities = negotiation.clientCapabilities
        return first
    }
}
