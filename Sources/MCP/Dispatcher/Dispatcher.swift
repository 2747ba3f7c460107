/// The one MCP dispatcher every transport feeds.
///
/// It knows the protocol (methods per era, negotiation, result shapes per revision) and the
/// tool catalog, and nothing about HTTP or stdio: transports parse and frame bytes, decide the
/// era from their own rules, and hand each message here with a `MessageContext`.
public struct Dispatcher: Sendable {
    public let identity: ServerIdentity
    public let registry: ToolRegistry
    public let listChanges: ListChangeHub
    /// How long a client may cache `tools/list` and `server/discover` answers (2026 `ttlMs`).
    public let listTTLMilliseconds: Int64
    public let observer: (any DispatchObserver)?
    public let gate: (any ToolCallGate)?
    public let resources: ResourceRegistry
    public let prompts: PromptRegistry
    /// Suggests prompt-argument and template-variable values; nil leaves `completions` undeclared.
    public let completer: (any ArgumentCompleter)?
    /// Resource subscriptions; nil leaves `resources.subscribe` false and the methods undeclared.
    public let subscriptions: ResourceSubscriptions?
    /// Sign-in by URL elicitation for anonymous sessions; nil leaves them with `auth_status` only.
    public let signIn: SignInElicitation?
    /// Requests sent to clients and waiting for their answers.
    public let clientRequests: ClientRequests
    /// Where protocol events worth a log line go (a client's answer nobody waits for); nil drops them.
    let log: (@Sendable (_ event: String, _ metadata: [String: String]) -> Void)?
    /// The capabilities `initialize` and `server/discover` advertise (see `advertisedCapabilities(resources:prompts:)`).
    public let serverCapabilities: JSONValue
    /// Page size of `resources/list`, `resources/templates/list` and `prompts/list`.
    let listPageSize: Int
    private let toolLists: ToolListCache
    let inFlight = InFlightRequests()
    let validator = SchemaValidator()

    public init(
        identity: ServerIdentity,
        registry: ToolRegistry,
        listChanges: ListChangeHub = ListChangeHub(),
        toolsPageSize: Int = 100,
        listTTLMilliseconds: Int64 = 300_000,
        observer: (any DispatchObserver)? = nil,
        gate: (any ToolCallGate)? = nil,
        resources: ResourceRegistry = ResourceRegistry(),
        prompts: PromptRegistry = PromptRegistry(),
        completer: (any ArgumentCompleter)? = nil,
        subscriptions: ResourceSubscriptions? = nil,
        listPageSize: Int = 100,
        signIn: SignInElicitation? = nil,
        clientRequests: ClientRequests = ClientRequests(),
        log: (@Sendable (_ event: String, _ metadata: [String: String]) -> Void)? = nil
    ) {
        self.signIn = signIn
        self.clientRequests = clientRequests
        self.log = log
        precondition(listPageSize > 0, "page size must be positive")
        self.resources = resources
        self.prompts = prompts
        self.completer = completer
        self.subscriptions = resources.isEmpty ? nil : subscriptions
        self.listPageSize = listPageSize
        self.serverCapabilities = Self.advertisedCapabilities(
            resources: resources,
            prompts: prompts,
            completions: completer != nil,
            subscriptions: self.subscriptions != nil
        )
        self.identity = identity
        self.observer = observer
        self.gate = gate
        self.registry = registry
        self.listChanges = listChanges
        self.listTTLMilliseconds = listTTLMilliseconds
        // The list depends on the caller's scopes, so it may only be cached per authorization context.
        var suffix = JSONWriter()
        suffix.append(",\"resultType\":\"complete\",\"ttlMs\":\(listTTLMilliseconds),\"cacheScope\":\"private\",\"_meta\":")
        suffix.write(Self.modernMeta(identity))
        self.toolLists = ToolListCache(registry: registry, pageSize: toolsPageSize, modernSuffix: suffix.bytes)
    }

    /// The tool capability, with list-change notifications; `serverCapabilities` adds resources and prompts when there are any.
    public static let capabilities: JSONValue = ["tools": ["listChanged": true]]

    // MARK: Requests

    public func handle(_ request: JSONRPCRequest, context: MessageContext) async -> DispatchOutcome {
        guard let observer else { return await route(request, context: context) }
        let started = ContinuousClock.now
        let outcome = await route(request, context: context)
        let revision: ProtocolRevision?
        switch context.era {
        case .modern: revision = .v2026_07_28
        case .handshake(let negotiated): revision = negotiated ?? outcome.negotiatedRevision
        }
        observer.requestHandled(
            method: request.method,
            revision: revision,
            transport: context.transport,
            errorCode: outcome.message?.error?.code,
            duration: ContinuousClock.now - started
        )
        return outcome
    }

    private func route(_ request: JSONRPCRequest, context: MessageContext) async -> DispatchOutcome {
        switch context.era {
        case .modern:
            return await handleModern(request, context: context)
        case .handshake(let revision):
            return await handleHandshake(request, revision: revision, context: context)
        }
    }

    private func handleHandshake(_ request: JSONRPCRequest, revision: ProtocolRevision?, context: MessageContext) async -> DispatchOutcome {
        switch request.method {
        case "initialize":
            return initialize(request)
        case "ping":
            return .response(.result(id: request.id, [:]))
        default:
            break
        }
        guard let revision else {
            return .response(.error(id: request.id, .invalidRequest("the connection is not initialized; send initialize first")))
        }
        switch request.method {
        case "tools/list":
            return .response(listTools(request, revision: revision, caller: context.caller))
        case "tools/call":
            return .response(await callTool(request, revision: revision, capabilities: context.sessionCapabilities, context: context))
        default:
            if let reply = await handlePrimitive(request, revision: revision, context: context) { return .response(reply) }
            return .response(.error(id: request.id, .methodNotFound(request.method)))
        }
    }

    private func handleModern(_ request: JSONRPCRequest, context: MessageContext) async -> DispatchOutcome {
        let envelope: ModernEnvelope
        switch ModernEnvelope.validate(method: request.method, params: request.params, headers: context.routingHeaders) {
        case .failure(let error): return .response(.error(id: request.id, error))
        case .success(let value): envelope = value
        }
        let revision = envelope.revision
        switch request.method {
        case "server/discover":
            return .response(.result(id: request.id, discoverResult()))
        case "tools/list":
            return .response(listTools(request, revision: revision, caller: context.caller))
        case "tools/call":
            return .response(await callTool(request, revision: revision, capabilities: envelope.clientCapabilities, context: context))
        case "subscriptions/listen":
            guard let filter = request.params["notifications"]?.objectValue else {
                return .response(.error(id: request.id, .invalidParams("params.notifications must be an object naming the notifications to receive")))
            }
            return listenOutcome(request, filter: filter)
        case "initialize", "ping":
            return .response(.error(id: request.id, .methodNotFound(request.method, detail: "not part of protocol \(revision.rawValue)")))
        default:
            if let reply = await handlePrimitive(request, revision: revision, context: context) { return .response(reply) }
            return .response(.error(id: request.id, .methodNotFound(request.method)))
        }
    }

    // MARK: Notifications

    /// Handles a notification; nothing is ever sent back, whatever it contains.
    public func handle(_ notification: JSONRPCNotification, context: MessageContext) async {
        guard notification.method == "notifications/cancelled",
            let requestID = notification.params["requestId"].flatMap(RequestID.init)
        else { return }
        await inFlight.cancel(Self.inFlightKey(requestID, context: context))
    }

    // MARK: Methods

    private func initialize(_ request: JSONRPCRequest) -> DispatchOutcome {
        let requested = request.params["protocolVersion"]?.stringValue
        let revision = Self.negotiate(requested: requested)
        let result: JSONValue = [
            "protocolVersion": .string(revision.rawValue),
            "capabilities": serverCapabilities,
            "serverInfo": identity.json(for: revision),
            "instructions": .string(identity.instructions),
        ]
        let negotiation = Negotiation(
            revision: revision,
            requestedVersion: requested,
            clientInfo: request.params["clientInfo"],
            clientCapabilities: request.params["capabilities"]?.objectValue ?? [:]
        )
        return .initialized(.result(id: request.id, result), negotiation)
    }

    /// Echoes a supported handshake revision, otherwise offers the newest one; never fails.
    public static func negotiate(requested: String?) -> ProtocolRevision {
        if let requested, let revision = ProtocolRevision(rawValue: requested), !revision.isModern {
            return revision
        }
        return ProtocolRevision.newestHandshake
    }

    private func discoverResult() -> JSONValue {
        [
            "resultType": "complete",
            "supportedVersions": .array(ProtocolRevision.modern.map { .string($0.rawValue) }),
            "capabilities": serverCapabilities,
            "instructions": .string(identity.instructions),
            "ttlMs": .int(listTTLMilliseconds),
            "cacheScope": "public",
            "_meta": Self.modernMeta(identity),
        ]
    }

    private func listTools(_ request: JSONRPCRequest, revision: ProtocolRevision, caller: Caller) -> OutgoingMessage {
        var cursor: String?
        if let value = request.params["cursor"], value != .null {
            guard case .string(let text) = value else {
                return .error(id: request.id, .invalidParams("cursor must be a string returned as nextCursor"))
            }
            cursor = text
        }
        guard let page = toolLists.page(revision: revision, caller: caller, cursor: cursor) else {
            return .error(id: request.id, .invalidParams("unknown cursor; start again without one"))
        }
        return .result(id: request.id, .encoded(page))
    }

    static func modernMeta(_ identity: ServerIdentity) -> JSONValue {
        [ModernEnvelope.serverInfoKey: ["name": .string(identity.name), "version": .string(identity.version)]]
    }

    static func inFlightKey(_ id: RequestID, context: MessageContext) -> String {
        "\(context.sessionID ?? context.caller.principalID)|\(id.json.encodedString)"
    }
}
