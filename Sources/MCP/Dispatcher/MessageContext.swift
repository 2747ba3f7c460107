/// Which protocol era governs a message, as the transport determined it.
public enum Era: Sendable, Hashable {
    /// Handshake revisions; `nil` until `initialize` has been answered (stdio before the handshake).
    case handshake(ProtocolRevision?)
    /// 2026-07-28 and later: stateless, everything in the request's `_meta`.
    case modern
}

/// Where messages related to one request (progress) or one session go: an SSE stream or stdout.
public protocol MessageSink: Sendable {
    func send(_ message: OutgoingMessage) async
}

/// Everything the dispatcher needs to know about a message besides the message itself.
public struct MessageContext: Sendable {
    public var caller: Caller
    public var transport: TransportKind
    public var era: Era
    public var sessionID: String?
    /// Client capabilities declared in `initialize` (handshake era); modern requests carry their own.
    public var sessionCapabilities: [String: JSONValue]
    /// The 2026 routing headers; `nil` on stdio, where there are no headers to check.
    public var routingHeaders: RoutingHeaders?
    /// Where progress notifications for this request go; `nil` when the transport cannot deliver them.
    public var related: (any MessageSink)?

    public init(
        caller: Caller,
        transport: TransportKind,
        era: Era,
        sessionID: String? = nil,
        sessionCapabilities: [String: JSONValue] = [:],
        routingHeaders: RoutingHeaders? = nil,
        related: (any MessageSink)? = nil
    ) {
        self.caller = caller
        self.transport = transport
        self.era = era
        self.sessionID = sessionID
        self.sessionCapabilities = sessionCapabilities
        self.routingHeaders = routingHeaders
        self.related = related
    }
}

/// The name, version and instructions the server announces.
public struct ServerIdentity: Sendable, Hashable {
    public var name: String
    public var title: String
    public var version: String
    public var instructions: String

    public init(name: String, title: String, version: String, instructions: String) {
        self.name = name
        self.title = title
        self.version = version
        self.instructions = instructions
    }

    func json(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = ["name": .string(name), "version": .string(version)]
        if revision.hasTitles { object["title"] = .string(title) }
        return .object(object)
    }
}

/// The result of a successful `initialize`, for the transport to open a session with.
public struct Negotiation: Sendable, Hashable {
    public var revision: ProtocolRevision
    public var requestedVersion: String?
    public var clientInfo: JSONValue?
    public var clientCapabilities: [String: JSONValue]

    /// Keeps only a bounded part of what the client sent (see `Negotiation+Bounds.swift`): a
    /// session holds these for its whole life, in memory and in the database.
    public init(revision: ProtocolRevision, requestedVersion: String?, clientInfo: JSONValue?, clientCapabilities: [String: JSONValue]) {
        self.revision = revision
        self.requestedVersion = requestedVersion.map { Self.truncated($0) }
        self.clientInfo = clientInfo.flatMap(Self.bounded(clientInfo:))
        self.clientCapabilities = Self.bounded(capabilities: clientCapabilities)
    }
}

/// A `subscriptions/listen` request the transport must turn into a stream.
public struct ListenRequest: Sendable, Hashable {
    public var subscriptionID: RequestID
    public var toolsListChanged: Bool
    /// The first message on the stream: `notifications/subscriptions/acknowledged` with the honoured filter.
    public var acknowledgement: OutgoingMessage {
        let meta: JSONValue = [ModernEnvelope.subscriptionIDKey: subscriptionID.json]
        let honoured: JSONValue = toolsListChanged ? ["toolsListChanged": true] : [:]
        return .notification(method: "notifications/subscriptions/acknowledged", params: ["_meta": meta, "notifications": honoured])
    }

    public var toolsListChangedNotification: OutgoingMessage {
        .notification(
            method: "notifications/tools/list_changed",
            params: ["_meta": [ModernEnvelope.subscriptionIDKey: subscriptionID.json]]
        )
    }

    /// The result that ends the stream when the server closes it (e.g. on shutdown).
    public var completion: OutgoingMessage {
        .result(id: subscriptionID, ["resultType": "complete", "_meta": [ModernEnvelope.subscriptionIDKey: subscriptionID.json]])
    }
}

/// What the dispatcher made of a request.
public enum DispatchOutcome: Sendable {
    case response(OutgoingMessage)
    /// `initialize` succeeded: send the response and open a session at the negotiated revision.
    case initialized(OutgoingMessage, Negotiation)
    /// `subscriptions/listen` was accepted: keep the stream open and deliver list changes on it.
    case listen(ListenRequest)

    /// The revision `initialize` settled on, if this was one.
    public var negotiatedRevision: ProtocolRevision? {
        if case .initialized(_, let negotiation) = self { return negotiation.revision }
        return nil
    }

    /// The JSON-RPC response, when there is one to send at once.
    public var message: OutgoingMessage? {
        switch self {
        case .response(let message), .initialized(let message, _): return message
        case .listen: return nil
        }
    }
}
