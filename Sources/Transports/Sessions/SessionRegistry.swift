import Foundation
import Logging
import MCP
import Storage

/// The live MCP sessions of handshake-era clients (Streamable HTTP and legacy SSE).
///
/// Bounded and idle-expiring, each session bound to the principal that created it, and
/// persisted: after a restart a Streamable HTTP session id is recognised and re-opened for its
/// principal, while ids of ended, expired or SSE sessions (whose stream died with the process)
/// are cleanly rejected with 404.
public actor SessionRegistry {
    public struct Session: Sendable {
        public let id: String
        public internal(set) var principalID: String
        public let transport: TransportKind
        /// Opened without credentials (legacy SSE): the only kind a login link may sign in.
        public let openedAnonymously: Bool
        /// The user an anonymous session was signed in as through its login link.
        public internal(set) var linkedCaller: Caller?
        public internal(set) var revision: ProtocolRevision?
        public internal(set) var clientCapabilities: [String: JSONValue]
        public let outbox: SessionOutbox
        /// The client's self-declared name (`clientInfo.name`): a login link's page shows it.
        public internal(set) var clientName: String? = nil
        /// A secret of the legacy SSE stream, sent only in its `endpoint` event: once the session is
        /// signed in through a login link, POSTs must carry it as well as the session id.
        public let streamKey: String?
    }

    public enum Failure: Error, Sendable, Equatable {
        /// The registry (or, for anonymous callers, their share of it) is full.
        case full(limit: Int)
        /// This principal holds its maximum of sessions and listen streams.
        case principalFull(limit: Int)
        /// Anonymous callers at this address hold their maximum.
        case addressFull(limit: Int)
    }

    struct Entry {
        var session: Session
        var lastActive: ServerClock.Instant
        var lastPersistedTouch: ServerClock.Instant
        var subscription: ListChangeHub.Subscription?
        /// The client address that opened it (anonymous sessions are capped per address).
        var address: String?
        var createdAt: ServerClock.Instant
    }

    var entries: [String: Entry] = [:]
    /// Open 2026 listen streams, which hold a connection like a session does.
    var listenStreams: [UInt64: Holder] = [:]
    var nextListenStream: UInt64 = 0
    public let limits: SessionLimits
    let repository: any SessionRepository
    let listChanges: ListChangeHub
    /// Resource subscriptions, whose channels are sessions: a session's end ends them.
    let resourceSubscriptions: ResourceSubscriptions?
    let logger: Logger
    /// The bus to the other instances on the same PostgreSQL database; nil for a single instance.
    var fleet: (any InstanceBus)?
    /// The registry's clock (idle and anonymous expiry, persisted activity dates); tests move it by hand.
    let clock: ServerClock
    public let maximumSessions: Int
    public let idleTimeout: Duration
    private let outboxCapacity: Int
    private let observer: (any SessionEventObserver)?
    /// Told when an anonymous session signed in here (`Dispatcher.signInCompleted`, which reports
    /// a URL elicitation complete); on a fleet this runs on the instance holding the stream.
    private let onSignedIn: (@Sendable (_ sessionID: String) async -> Void)?
    /// How often last-activity is written to the database (not on every request: the hot path stays write-free).
    private let persistTouchEvery: Duration = .seconds(60)

    public init(
        repository: any SessionRepository,
        listChanges: ListChangeHub,
        maximumSessions: Int,
        idleTimeout: Duration,
        outboxCapacity: Int = 64,
        limits: SessionLimits = .unlimited,
        observer: (any SessionEventObserver)? = nil,
        resourceSubscriptions: ResourceSubscriptions? = nil,
        logger: Logger,
        clock: ServerClock = .continuous,
        onSignedIn: (@Sendable (_ sessionID: String) async -> Void)? = nil
    ) {
        self.onSignedIn = onSignedIn
        self.limits = limits
        self.clock = clock
        self.observer = observer
        self.repository = repository
        self.listChanges = listChanges
        self.resourceSubscriptions = resourceSubscriptions
        self.maximumSessions = maximumSessions
        self.idleTimeout = idleTimeout
        self.outboxCapacity = outboxCapacity
        self.logger = logger
    }

    public var count: Int { entries.count }

    /// Live sessions by transport and negotiated revision ("none" before the handshake), for metrics.
    public func census() -> [SessionCensusKey: Int] {
        var counts: [SessionCensusKey: Int] = [:]
        for entry in entries.values {
            counts[SessionCensusKey(transport: entry.session.transport.rawValue, revision: entry.session.revision?.rawValue ?? "none"), default: 0] +=
                1
        }
        return counts
    }

    /// Opens a session; `negotiation` is nil for a legacy SSE stream that has not initialized yet.
    ///
    /// - Parameter address: the client's address; anonymous sessions are capped per address.
    public func create(principalID: String, transport: TransportKind, negotiation: Negotiation?, address: String? = nil) async throws -> Session {
        try await makeRoom(principalID: principalID, address: address)
        let id = Self.newSessionID()
        let session = Session(
            id: id,
            principalID: principalID,
            transport: transport,
            openedAnonymously: principalID == Caller.anonymous.principalID,
            linkedCaller: nil,
            revision: negotiation?.revision,
            clientCapabilities: negotiation?.clientCapabilities ?? [:],
            outbox: SessionOutbox(capacity: outboxCapacity, assignsEventIDs: transport == .streamableHTTP),
            streamKey: transport == .sse ? Self.newSessionID() : nil
        )
        let now = clock.now
        entries[id] = Entry(session: session, lastActive: now, lastPersistedTouch: now, address: address, createdAt: now)
        observer?.sessionCreated(transport: transport)
        if negotiation == nil, fleet != nil { await recordOpened(session) }
        if let negotiation {
            await subscribeToListChanges(id)
            await persist(session, negotiation: negotiation)
        }
        return session
    }

    /// Records the handshake of a legacy SSE session, which exists before its `initialize`.
    public func negotiated(_ id: String, _ negotiation: Negotiation) async -> Session? {
        guard var entry = entries[id] else { return nil }
        entry.session.revision = negotiation.revision
        entry.session.clientCapabilities = negotiation.clientCapabilities
        entry.session.clientName = negotiation.clientInfo?["name"]?.stringValue.map { String($0.prefix(100)) }
        entries[id] = entry
        if entry.subscription == nil { await subscribeToListChanges(id) }
        await persist(entry.session, negotiation: negotiation)
        return entry.session
    }

    /// Which client opened session `id`, and from where (the address given to `create`, shown on its
    /// login link's page); nil for an unknown session.
    public func origin(of id: String) async -> (clientName: String?, address: String?)? {
        if let entry = entries[id] { return (entry.session.clientName, entry.address) }
        return await recordedOrigin(of: id)
    }

    /// The session `id` if it exists and belongs to `principalID`; another principal's id is unknown to this one.
    public func lookup(_ id: String, principalID: String) async -> Session? {
        if var entry = entries[id] {
            // A signed-in anonymous session keeps answering its credential-less client (the
            // unguessable session id reached only that client's stream); anyone else is refused.
            let linkedAnonymous = principalID == Caller.anonymous.principalID && entry.session.openedAnonymously && entry.session.linkedCaller != nil
            guard entry.session.principalID == principalID || linkedAnonymous else { return nil }
            let now = clock.now
            entry.lastActive = now
            let shouldPersist = now - entry.lastPersistedTouch >= persistTouchEvery
            if shouldPersist { entry.lastPersistedTouch = now }
            entries[id] = entry
            if shouldPersist { await persistTouch(id) }
            return entry.session
        }
        return await restore(id, principalID: principalID)
    }

    /// Signs an anonymous legacy SSE session in as `caller` (its login link completed).
    ///
    /// Its list-change subscription moves to the user, and the session is told at once that its
    /// tool list changed (and, through `onSignedIn`, that a sign-in elicitation completed). Refused for sessions that are gone, were opened with credentials, or
    /// were already signed in.
    public func rebind(_ id: String, to caller: Caller) async -> Bool {
        guard entries[id] != nil else { return await rebindElsewhere(id, to: caller) }
        guard var entry = entries[id], entry.session.openedAnonymously, entry.session.linkedCaller == nil,
            entry.session.principalID == Caller.anonymous.principalID
        else { return false }
        entry.session.principalID = caller.principalID
        entry.session.linkedCaller = caller
        entries[id] = entry
        // Recorded before the client hears of it: once it has seen `list_changed`, every instance
        // reads the session as signed in (a second sign-in elsewhere is refused).
        if fleet != nil { await recordRebound(entry.session, as: caller) }
        if let subscription = entry.subscription {
            entries[id]?.subscription = await listChanges.rebind(subscription, to: caller.principalID)
        }
        if entry.session.revision != nil {
            await entry.session.outbox.send(.notification(method: "notifications/tools/list_changed", params: nil))
        }
        await onSignedIn?(id)
        logger.info("an anonymous session signed in through its login link")
        return true
    }

    /// Ends a session: its stream closes and its id answers 404 from now on, on every instance
    /// (`announce` false: the end was announced by another instance).
    public func end(_ id: String, reason: SessionEndReason = .deleted, announce: Bool = true) async {
        guard let entry = entries.removeValue(forKey: id) else { return }
        entries.compactIfSparse()
        observer?.sessionEnded(transport: entry.session.transport, reason: reason)
        await entry.session.outbox.close()
        if let subscription = entry.subscription { await listChanges.unsubscribe(subscription) }
        await resourceSubscriptions?.drop(channel: id)
        do {
            try await repository.end(id: id, at: clock.date)
        } catch {
            logger.error("could not record the end of a session", metadata: ["error": "\(error)"])
        }
        if announce, fleet != nil { await announceEnded(id) }
    }

    /// Ends sessions idle for longer than `idleTimeout`, except those with an open stream, and
    /// anonymous sessions that never signed in once `limits.anonymousLifetime` has passed, stream
    /// or not (else held streams would keep anonymous sessions forever); returns their number.
    @discardableResult
    public func expireIdle() async -> Int {
        let now = clock.now
        let cutoff = now - idleTimeout
        var expired: [String] = []
        for (id, entry) in entries {
            if entry.isAnonymous, now - entry.createdAt >= limits.anonymousLifetime {
                expired.append(id)
                continue
            }
            guard entry.lastActive < cutoff else { continue }
            if await entry.session.outbox.isAttached { continue }
            // In a fleet the client may be busy on another instance: only this copy goes.
            if fleet != nil, await activeElsewhere(id) {
                await forget(id)
                continue
            }
            expired.append(id)
        }
        for id in expired { await end(id, reason: .expired) }
        return expired.count
    }

    /// Removes persisted sessions that ended or idled out long ago.
    public func purgePersisted(olderThan age: Duration) async {
        let cutoff = clock.date(ago: age)
        do {
            _ = try await repository.purge(before: cutoff)
        } catch {
            logger.error("could not purge old sessions", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Internals

    private func subscribeToListChanges(_ id: String) async {
        guard let entry = entries[id] else { return }
        let outbox = entry.session.outbox
        let subscription = await listChanges.subscribe(principalID: entry.session.principalID) { change in
            switch change {
            case .tools: await outbox.send(.notification(method: "notifications/tools/list_changed", params: nil))
            }
        }
        entries[id]?.subscription = subscription
    }

    private func restore(_ id: String, principalID: String) async -> Session? {
        let record: SessionRecord?
        do {
            record = try await repository.find(id: id)
        } catch {
            logger.error("could not read a persisted session", metadata: ["error": "\(error)"])
            return nil
        }
        guard let record, record.endedAt == nil, record.principalID == principalID,
            record.transport == TransportKind.streamableHTTP.rawValue,
            let revision = ProtocolRevision(rawValue: record.revision),
            clock.date(ago: idleTimeout) < record.lastActiveAt,
            entries.count < maximumSessions
        else { return nil }
        let capabilities = (try? JSONParser.parse(Array(record.clientCapabilitiesJSON.utf8)))?.objectValue ?? [:]
        let session = Session(
            id: id,
            principalID: principalID,
            transport: .streamableHTTP,
            openedAnonymously: false,
            linkedCaller: nil,
            revision: revision,
            clientCapabilities: capabilities,
            outbox: SessionOutbox(capacity: outboxCapacity, assignsEventIDs: true),
            streamKey: nil
        )
        let now = clock.now
        entries[id] = Entry(session: session, lastActive: now, lastPersistedTouch: now, address: nil, createdAt: now)
        await subscribeToListChanges(id)
        await persistTouch(id)
        logger.info("restored a persisted session", metadata: ["revision": "\(revision.rawValue)"])
        return session
    }

    private func persist(_ session: Session, negotiation: Negotiation) async {
        let now = clock.date
        let record = SessionRecord(
            principalID: session.principalID,
            transport: session.transport.rawValue,
            revision: negotiation.revision.rawValue,
            clientName: negotiation.clientInfo?["name"]?.stringValue,
            clientVersion: negotiation.clientInfo?["version"]?.stringValue,
            clientCapabilitiesJSON: JSONValue.object(negotiation.clientCapabilities).encodedString,
            createdAt: now,
            lastActiveAt: now
        )
        do {
            if fleet == nil { try await repository.insert(id: session.id, record) } else { try await repository.save(id: session.id, record) }
        } catch {
            logger.error("could not persist a session; it will not survive a restart", metadata: ["error": "\(error)"])
        }
    }

    private func persistTouch(_ id: String) async {
        do {
            try await repository.touch(id: id, at: clock.date)
        } catch {
            logger.warning("could not record session activity", metadata: ["error": "\(error)"])
        }
    }

    /// 128 random bits as 32 hex characters: visible ASCII, as the spec requires.
    static func newSessionID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return String(format: "%016llx%016llx", high, low)
    }
}
