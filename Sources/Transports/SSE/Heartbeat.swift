/// One timer that sends keep-alive comments on every open event stream.
///
/// Proxies (and claude.ai's relay) drop SSE connections that stay silent; a single loop over
/// all streams costs far less than a timer task per idle stream.
public actor Heartbeat {
    public typealias Beat = @Sendable () async -> Void

    private var beats: [UInt64: (kind: StreamKind, beat: Beat)] = [:]
    private var nextID: UInt64 = 0
    public let interval: Duration

    public init(interval: Duration) {
        self.interval = interval
    }

    public func register(kind: StreamKind, _ beat: @escaping Beat) -> UInt64 {
        nextID += 1
        beats[nextID] = (kind, beat)
        return nextID
    }

    public func unregister(_ id: UInt64) {
        beats[id] = nil
        beats.compactIfSparse()
    }

    /// Open streams by kind, for metrics.
    public func counts() -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in beats.values { counts[entry.kind.rawValue, default: 0] += 1 }
        return counts
    }

    /// Beats every `interval` until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            for entry in beats.values {
                await entry.beat()
            }
        }
    }
}
