import MCP

/// A (transport, revision) pair counted by the session census.
public struct SessionCensusKey: Sendable, Hashable {
    public var transport: String
    public var revision: String

    public init(transport: String, revision: String) {
        self.transport = transport
        self.revision = revision
    }
}

/// The kinds of open event streams, a bounded label.
public enum StreamKind: String, Sendable, CaseIterable {
    case sessionGet = "session_get"
    case legacySSE = "legacy_sse"
    case listen
    case response
}

public enum SessionEndReason: String, Sendable {
    case deleted
    case expired
    case disconnected
    case shutdown
}

/// Told when sessions begin and end.
public protocol SessionEventObserver: Sendable {
    func sessionCreated(transport: TransportKind)
    func sessionEnded(transport: TransportKind, reason: SessionEndReason)
}

/// Told of every HTTP response: the matched route template, method, status and time taken.
public protocol HTTPRequestObserver: Sendable {
    func httpRequest(route: String, method: String, status: Int, duration: Duration)
}

/// Told of each message another instance of the fleet sent, with how long it took to arrive.
public protocol FleetObserver: Sendable {
    func fleetMessageReceived(topic: String, lag: Duration)
}
