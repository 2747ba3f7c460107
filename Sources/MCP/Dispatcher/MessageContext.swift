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

/// A session's own channel for notifications it subscribed to: its GET stream, its SSE stream or
/// stdout. `id` is unique in the process and lives as long as the session.
public struct NotificationChannel: Sendable {
    public var id: String
    public var sink: any MessageSink

    public init(id: String, sink: any MessageSink) {
        self.id = id
        self.sink = sink
    }
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
    /// Where `notifications/resources/updated` for this session's subscriptions go; `nil` when the
    /// transport has no session channel (2026 requests, which subscribe through `subscriptions/listen`).
    public var channel: NotificationChannel?

    public init(
        caller: Caller,
        transport: TransportKind,
        era: Era,
        sessionID: String? = nil,
        sessionCapabilities: [String: JSONValue] = [:],
        routingHeaders: RoutingHeaders? = nil,
        related: (any MessageSink)? = nil,
        channel: NotificationChannel? = nil
    ) {
        self.caller = caller
        self.transport = transport
        self.era = era
        self.sessionID = sessionID
        self.sessionCapabilities = sessionCapabilities
        self.routingHeaders = routingHeaders
        self.related = related
        self.channel = channel
    }
}
