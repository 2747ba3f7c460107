import MCP

/// The server-to-client channel of one session: a bounded replay buffer plus at most one live stream.
///
/// Handshake sessions on Streamable HTTP keep messages (e.g. `tools/list_changed`) sent while no
/// GET stream is open, and a reconnecting GET with `Last-Event-ID` gets what it missed, as far
/// back as the buffer reaches. Legacy SSE sessions are their stream, so they keep nothing.
public actor SessionOutbox: MessageSink {
    private var buffer: [(id: Int, frame: SSEFrame)] = []
    private var nextEventID = 1
    private var live: (token: UInt64, continuation: AsyncStream<SSEFrame>.Continuation)?
    private var nextToken: UInt64 = 0
    private var closed = false
    /// Requests of this session still being answered; a graceful close waits for them.
    private var pendingWork = 0
    private var closeWhenIdle: UInt64?
    private let capacity: Int
    private let assignsEventIDs: Bool

    public init(capacity: Int, assignsEventIDs: Bool) {
        self.capacity = capacity
        self.assignsEventIDs = assignsEventIDs
    }

    public func send(_ message: OutgoingMessage) async {
        guard !closed else { return }
        if assignsEventIDs {
            let id = nextEventID
            nextEventID += 1
            let frame = SSEFrame.message(message, id: String(id))
            buffer.append((id, frame))
            if buffer.count > capacity { buffer.removeFirst(buffer.count - capacity) }
            live?.continuation.yield(frame)
        } else {
            live?.continuation.yield(.message(message))
        }
    }

    /// Writes a frame to the live stream only (the endpoint event, keep-alives).
    public func sendUnbuffered(_ frame: SSEFrame) {
        live?.continuation.yield(frame)
    }

    public var isAttached: Bool { live != nil }

    /// Opens the live stream, first replaying buffered events after `lastEventID`; `nil` once closed.
    ///
    /// A new stream replaces the current one, which ends: a client that reconnects (with
    /// `Last-Event-ID`) is usually the same client whose old connection has not yet been noticed
    /// as gone, and each message must still travel on exactly one stream.
    public func attach(lastEventID: String?) -> (token: UInt64, stream: AsyncStream<SSEFrame>)? {
        guard !closed else { return nil }
        if let previous = live {
            previous.continuation.yield(.end)
            previous.continuation.finish()
            live = nil
        }
        let (stream, continuation) = AsyncStream<SSEFrame>.makeStream(bufferingPolicy: .bufferingNewest(capacity + 16))
        if let lastEventID, let last = Int(lastEventID) {
            for entry in buffer where entry.id > last {
                continuation.yield(entry.frame)
            }
        }
        nextToken += 1
        live = (nextToken, continuation)
        return (nextToken, stream)
    }

    /// Marks a request whose answer will be sent here.
    public func beginWork() {
        pendingWork += 1
    }

    /// `beginWork()` unless `limit` requests of this session are already running; false refuses the request.
    public func tryBeginWork(limit: Int) -> Bool {
        guard pendingWork < limit else { return false }
        pendingWork += 1
        return true
    }

    /// The answer of a request begun with `beginWork()` has been sent.
    public func endWork() {
        pendingWork = max(0, pendingWork - 1)
        if pendingWork == 0, let token = closeWhenIdle, live?.token == token {
            live?.continuation.yield(.end)
        }
    }

    /// Ends the live stream once pending answers are delivered (graceful shutdown).
    public func endWhenIdle(_ token: UInt64) {
        guard live?.token == token else { return }
        if pendingWork == 0 {
            live?.continuation.yield(.end)
        } else {
            closeWhenIdle = token
        }
    }

    /// Detaches the stream `token` if it is still the live one.
    public func detach(_ token: UInt64) {
        guard live?.token == token else { return }
        live?.continuation.finish()
        live = nil
    }

    /// Ends the live stream and refuses further messages (the session is over).
    public func close() {
        closed = true
        live?.continuation.yield(.end)
        live?.continuation.finish()
        live = nil
        buffer.removeAll()
    }
}
