/// One timer that sends keep-alive comments on every open event stream.
///
/// Proxies (and claude.ai's relay) drop SSE connections that stay silent; a single loop over
/// all streams costs far less than a timer task per idle stream.
public actor Heartbeat {
    public typealias Beat = @Sendable () async -> Void

    private var beats: [UInt64: Beat] = [:]
    private var nextID: UInt64 = 0
    public let interval: Duration

    public init(interval: Duration) {
        self.interval = interval
    }

    public func register(_ beat: @escaping Beat) -> UInt64 {
        nextID += 1
        beats[nextID] = beat
        return nextID
    }

    public func unregister(_ id: UInt64) {
        beats[id] = nil
    }

    public var streamCount: Int { beats.count }

    /// Beats every `interval` until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            for beat in beats.values {
                await beat()
            }
        }
    }
}
