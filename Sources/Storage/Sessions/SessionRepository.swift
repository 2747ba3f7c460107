import Foundation

/// A persisted MCP session: enough to recognise its id after a restart and re-bind it.
public struct SessionRecord: Sendable, Hashable {
    public var principalID: String
    public var transport: String
    public var revision: String
    public var clientName: String?
    public var clientVersion: String?
    /// The client capabilities from `initialize`, as JSON text.
    public var clientCapabilitiesJSON: String
    public var createdAt: Date
    public var lastActiveAt: Date
    public var endedAt: Date?

    public init(
        principalID: String,
        transport: String,
        revision: String,
        clientName: String? = nil,
        clientVersion: String? = nil,
        clientCapabilitiesJSON: String = "{}",
        createdAt: Date,
        lastActiveAt: Date,
        endedAt: Date? = nil
    ) {
        self.principalID = principalID
        self.transport = transport
        self.revision = revision
        self.clientName = clientName
        self.clientVersion = clientVersion
        self.clientCapabilitiesJSON = clientCapabilitiesJSON
        self.createdAt = createdAt
        self.lastActiveAt = lastActiveAt
        self.endedAt = endedAt
    }
}

/// Where sessions live between requests and across restarts.
///
/// On PostgreSQL every instance of a fleet reads the same sessions.
public protocol SessionRepository: Sendable {
    /// Records a new session; an id already recorded is an error.
    func insert(id: String, _ record: SessionRecord) async throws
    /// Records a session or replaces what its handshake decides (principal, revision, client,
    /// capabilities, last activity), keeping its creation and end times: a fleet records a legacy
    /// SSE session when its stream opens, before the handshake.
    func save(id: String, _ record: SessionRecord) async throws
    func find(id: String) async throws -> SessionRecord?
    func touch(id: String, at date: Date) async throws
    func end(id: String, at date: Date) async throws
    /// Deletes sessions that ended, or went idle, before `cutoff`; returns how many.
    func purge(before cutoff: Date) async throws -> Int
}
