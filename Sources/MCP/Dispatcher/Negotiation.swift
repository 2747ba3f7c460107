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
