import Locking

/// Requests the server sends to clients (`elicitation/create`), and the routing of their answers.
///
/// The asker sends on the session's own channel (a request's SSE stream, the legacy SSE stream,
/// stdout) and waits; the answer arrives as a separate message through `Dispatcher.handle(_:context:)`,
/// which calls `resolve`. The table is `Locked` (a mutex) rather than an actor because a continuation must
/// be stored in the same synchronous step that checks whether the answer already came.
public final class ClientRequests: Sendable {
    private typealias Waiter = CheckedContinuation<ClientReply, Never>
    private let state: Locked<PendingClientRequests<Waiter>>
    /// How long an asker waits when it names no deadline of its own.
    public let timeout: Duration
    /// Time on the injected clock since this table was made; deadlines are read from it.
    private let elapsed: @Sendable () -> Duration
    private let sleep: @Sendable (Duration) async -> Void

    /// A table on the process's continuous clock.
    public convenience init(perSession: Int = 4, total: Int = 1024, timeout: Duration = .seconds(120)) {
        self.init(perSession: perSession, total: total, timeout: timeout, clock: ContinuousClock())
    }

    /// A table whose deadlines and waits run on `clock` (a test's manual clock, the server's clock).
    public init<C: Clock>(perSession: Int = 4, total: Int = 1024, timeout: Duration = .seconds(120), clock: C) where C.Duration == Duration {
        state = Locked(PendingClientRequests(perSession: perSession, total: total))
        self.timeout = timeout
        let origin = clock.now
        self.elapsed = { origin.duration(to: clock.now) }
        self.sleep = { try? await clock.sleep(for: $0) }
    }

    /// Requests still waiting for an answer (all sessions).
    public var pendingCount: Int { state.withLock { $0.count } }

    /// Sends `method` to the client of `session` through `sink` and waits for its answer, at most
    /// `timeout` (default: the table's). Never throws: every way it can end is a `ClientReply`.
    public func send(_ method: String, params: JSONValue, session: String, via sink: any MessageSink, timeout: Duration? = nil) async -> ClientReply {
        let wait = timeout ?? self.timeout
        guard let id = state.withLock({ $0.open(session: session, deadline: elapsed() + wait) }) else {
            return .notSent("too many requests to this client are waiting for an answer")
        }
        await sink.send(.request(id: id, method: method, params: params))
        let sleep = self.sleep
        let expiry = Task { [weak self] in
            await sleep(wait)
            self?.expire()
        }
        defer { expiry.cancel() }
        let reply = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Waiter) in
                if let reply = state.withLock({ $0.wait(id, waiter: continuation) }) { continuation.resume(returning: reply) }
            }
        } onCancel: {
            state.withLock { $0.cancel(id) }?.resume(returning: .cancelled)
        }
        return Task.isCancelled && reply == .timedOut ? .cancelled : reply
    }

    /// Routes a client's answer to the request of `session` it names. False when none waits on
    /// that id (unknown, a duplicate, late, or another session's): the caller logs and drops it.
    public func resolve(_ response: JSONRPCResponse, session: String) -> Bool {
        guard let id = response.id else { return false }
        switch state.withLock({ $0.answer(id, session: session, reply: response.reply) }) {
        case .deliver(let waiter, let reply):
            waiter.resume(returning: reply)
            return true
        case .stored:
            return true
        case .unknown:
            return false
        }
    }

    /// Ends the waits whose deadline passed.
    func expire() {
        for waiter in state.withLock({ $0.expire(now: elapsed()) }) {
            waiter.resume(returning: .timedOut)
        }
    }
}
