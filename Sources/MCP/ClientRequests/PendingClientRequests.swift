/// What a request the server sent to a client came to.
public enum ClientReply: Sendable, Hashable {
    /// The client's `result`.
    case result(JSONValue)
    /// The client answered with a JSON-RPC error.
    case error(code: Int, message: String)
    /// No answer before the deadline.
    case timedOut
    /// The request that was waiting (a tool call) was cancelled.
    case cancelled
    /// Not sent: too many requests are waiting, or the session has no channel to the client.
    case notSent(String)
}

/// The requests the server sent to clients and still waits on: a pure state machine, tested alone.
///
/// Ids are allocated here (`srv-1`, `srv-2`, …, unique in the process, never reused) so a client
/// cannot make the server confuse two of them. An answer counts only from the session the request
/// went to; an unknown, duplicate or late id finds nothing. Capacity is bounded per session and in
/// total, so a client that never answers cannot grow the table; the deadline ends every wait.
/// `Waiter` is whatever resumes the asker (a continuation in `ClientRequests`, a value in tests).
public struct PendingClientRequests<Waiter: Sendable>: Sendable {
    enum Stage: Sendable {
        /// Sent; the asker has not started waiting yet.
        case sent
        case waiting(Waiter)
        /// Answered before the asker started waiting.
        case answered(ClientReply)
    }

    struct Entry: Sendable {
        var session: String
        /// On the asker's clock: how long after its origin the wait ends.
        var deadline: Duration
        var stage: Stage
    }

    /// What an answer from a client did.
    public enum Resolution: Sendable {
        /// Resume this waiter with the reply.
        case deliver(Waiter, ClientReply)
        /// Kept until the asker starts waiting.
        case stored
        /// No such request of this session (never sent, already answered, expired or cancelled).
        case unknown
    }

    private var entries: [RequestID: Entry] = [:]
    private var nextNumber: UInt64 = 1
    public let perSession: Int
    public let total: Int

    public init(perSession: Int = 4, total: Int = 1024) {
        precondition(perSession > 0 && total >= perSession, "capacities must be positive")
        self.perSession = perSession
        self.total = total
    }

    public var count: Int { entries.count }

    public func count(session: String) -> Int {
        entries.values.reduce(0) { $0 + ($1.session == session ? 1 : 0) }
    }

    /// Allocates an id for a request to `session`; nil when the session or the table is full.
    public mutating func open(session: String, deadline: Duration) -> RequestID? {
        guard entries.count < total, count(session: session) < perSession else { return nil }
        let id = RequestID.string("srv-\(nextNumber)")
        nextNumber += 1
        entries[id] = Entry(session: session, deadline: deadline, stage: .sent)
        return id
    }

    /// The asker starts waiting: the reply at once when it already came (or the request is gone),
    /// else nil and `waiter` is kept.
    public mutating func wait(_ id: RequestID, waiter: Waiter) -> ClientReply? {
        guard let entry = entries[id] else { return .timedOut }
        switch entry.stage {
        case .answered(let reply):
            entries[id] = nil
            return reply
        case .sent, .waiting:
            entries[id]?.stage = .waiting(waiter)
            return nil
        }
    }

    /// A client of `session` answered `id`.
    public mutating func answer(_ id: RequestID, session: String, reply: ClientReply) -> Resolution {
        guard let entry = entries[id], entry.session == session else { return .unknown }
        switch entry.stage {
        case .sent:
            entries[id]?.stage = .answered(reply)
            return .stored
        case .waiting(let waiter):
            entries[id] = nil
            return .deliver(waiter, reply)
        case .answered:
            return .unknown
        }
    }

    /// Removes every request whose deadline passed; returns the waiters to resume with `.timedOut`.
    public mutating func expire(now: Duration) -> [Waiter] {
        var waiters: [Waiter] = []
        for (id, entry) in entries where entry.deadline <= now {
            entries[id] = nil
            if case .waiting(let waiter) = entry.stage { waiters.append(waiter) }
        }
        return waiters
    }

    /// Gives up on `id` (its asker was cancelled); returns its waiter, if one waits.
    public mutating func cancel(_ id: RequestID) -> Waiter? {
        guard let entry = entries.removeValue(forKey: id), case .waiting(let waiter) = entry.stage else { return nil }
        return waiter
    }
}
