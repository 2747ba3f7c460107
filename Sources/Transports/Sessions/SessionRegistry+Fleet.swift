import Foundation
import Logging
import MCP
import Storage

/// Several instances on one PostgreSQL database (issue 11): every instance reads every session
/// from the database, streams stay where they were opened, and what is addressed to a stream
/// held by another instance crosses on the `InstanceBus` (`FleetRelay` receives it).
extension SessionRegistry {
    /// Joins a fleet: sessions are recorded so the other instances know them, and ends, sign-ins
    /// and list changes are announced on `bus`.
    public func joinFleet(_ bus: any InstanceBus) {
        fleet = bus
    }

    /// Whether this instance serves other instances' sessions too.
    public var inFleet: Bool { fleet != nil }

    /// Whether this instance holds session `id` (its stream, for legacy SSE).
    public func holds(_ id: String) -> Bool {
        entries[id] != nil
    }

    /// Whether another instance of the fleet holds live legacy SSE session `id`, so a POST for it
    /// is relayed there instead of answered 404.
    public func heldElsewhere(_ id: String) async -> Bool {
        guard fleet != nil, entries[id] == nil, let record = await record(id) else { return false }
        return record.endedAt == nil && record.transport == TransportKind.sse.rawValue
    }

    /// Publishes `topic` to the fleet; a failure is logged, never thrown at a request.
    func announce(_ topic: FleetTopic, _ payload: some Encodable) async {
        guard let fleet else { return }
        do {
            let text = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
            try await fleet.publish(topic: topic.rawValue, payload: text)
        } catch {
            logger.warning("could not tell the other instances", metadata: ["topic": "\(topic.rawValue)", "error": "\(error)"])
        }
    }

    /// Sends a POST for session `post.sessionID` to the instance holding its stream; throws when
    /// it cannot be sent (too large for a notification, database unreachable).
    func relay(_ post: FleetPost) async throws {
        guard let fleet else { return }
        try await fleet.publish(topic: FleetTopic.ssePost.rawValue, payload: String(decoding: try JSONEncoder().encode(post), as: UTF8.self))
    }

    func announceEnded(_ id: String) async {
        await announce(.sessionEnded, FleetSessionEnded(sessionID: id))
    }

    /// Records a legacy SSE session when its stream opens, before its handshake, so that a POST
    /// landing on another instance finds it.
    func recordOpened(_ session: Session) async {
        let now = clock.date
        let record = SessionRecord(
            principalID: session.principalID,
            transport: session.transport.rawValue,
            revision: "",
            createdAt: now,
            lastActiveAt: now
        )
        do {
            try await repository.save(id: session.id, record)
        } catch {
            logger.error("could not record a session for the other instances", metadata: ["error": "\(error)"])
        }
    }

    /// Records the account a signed-in anonymous session now acts as (no second link may rebind it).
    func recordRebound(_ session: Session, as caller: Caller) async {
        guard var record = await record(session.id) else { return }
        record.principalID = caller.principalID
        record.lastActiveAt = clock.date
        try? await repository.save(id: session.id, record)
    }

    /// A login link completed here for a session another instance holds: that instance is told
    /// to sign it in. False when no live anonymous SSE session of that id is recorded.
    func rebindElsewhere(_ id: String, to caller: Caller) async -> Bool {
        guard await heldElsewhere(id), let record = await record(id), record.principalID == Caller.anonymous.principalID else { return false }
        await announce(.sessionRebound, FleetRebind(sessionID: id, caller: FleetCaller(caller)))
        return true
    }

    /// The client name of a session held elsewhere (its address is known only where it was opened).
    func recordedOrigin(of id: String) async -> (clientName: String?, address: String?)? {
        guard fleet != nil, let record = await record(id), record.endedAt == nil else { return nil }
        return (record.clientName, nil)
    }

    /// Whether the database saw session `id` active within the idle timeout (on any instance).
    func activeElsewhere(_ id: String) async -> Bool {
        guard let record = await record(id), record.endedAt == nil else { return false }
        return clock.date(ago: idleTimeout) < record.lastActiveAt
    }

    /// Drops this instance's copy of a session without ending it for the fleet.
    func forget(_ id: String) async {
        guard let entry = entries.removeValue(forKey: id) else { return }
        entries.compactIfSparse()
        await entry.session.outbox.close()
        if let subscription = entry.subscription { await listChanges.unsubscribe(subscription) }
    }

    private func record(_ id: String) async -> SessionRecord? {
        do {
            return try await repository.find(id: id)
        } catch {
            logger.error("could not read a persisted session", metadata: ["error": "\(error)"])
            return nil
        }
    }
}

/// What instances tell each other about sessions and principals.
public enum FleetTopic: String, Sendable, CaseIterable {
    /// A principal's tool list changed (sign-in, grant change): `FleetListChanged`.
    case listChanged = "list_changed"
    /// A session ended (DELETE, expiry, disconnect): `FleetSessionEnded`.
    case sessionEnded = "session_ended"
    /// An anonymous SSE session was signed in through a login link: `FleetRebind`.
    case sessionRebound = "session_rebound"
    /// A `POST /messages` for a legacy SSE session held by another instance: `FleetPost`.
    case ssePost = "sse_post"
}

struct FleetListChanged: Codable, Sendable {
    var principalID: String
}

struct FleetSessionEnded: Codable, Sendable {
    var sessionID: String
}

/// A `Caller` as it crosses the bus.
struct FleetCaller: Codable, Sendable {
    var principalID: String
    var kind: String
    var displayName: String?
    var scopes: [String]

    init(_ caller: Caller) {
        principalID = caller.principalID
        kind = caller.kind
        displayName = caller.displayName
        scopes = caller.scopes.sorted()
    }

    var caller: Caller { Caller(principalID: principalID, kind: kind, displayName: displayName, scopes: Set(scopes)) }
}

struct FleetRebind: Codable, Sendable {
    var sessionID: String
    var caller: FleetCaller
}

struct FleetPost: Codable, Sendable {
    var sessionID: String
    var caller: FleetCaller
    /// The stream key the POST carried (`key` query parameter), checked where the stream is.
    var key: String?
    var body: String
}
