import Foundation
import Locking
import Logging

/// The two log lines of a graceful shutdown: when it began (and why), and that it finished.
///
/// Without them an operator cannot tell a clean stop (in-flight calls drained, database closed)
/// from a crash or a kill; the second line carries how long draining took.
final class ShutdownLog: Sendable {
    private let logger: Logger
    private let grace: Duration
    private let started = Locked<ContinuousClock.Instant?>(nil)

    init(logger: Logger, grace: Duration) {
        self.logger = logger
        self.grace = grace
    }

    func began(signal: Int32) {
        started.withLock { $0 = $0 ?? .now }
        let name = signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "signal \(signal)"
        logger.notice(
            "discogs-mcp shutting down on \(name): no new requests; draining in-flight calls and streams",
            metadata: ["grace_seconds": "\(grace.components.seconds)"]
        )
    }

    /// Logs the second line. The first comes from a signal handler on a Dispatch queue, which can
    /// run after the service group (which saw the same signal) already stopped: wait up to a
    /// second for it, so the two lines are always in order.
    func finished() async {
        for _ in 0..<100 where started.withLock({ $0 }) == nil {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let since = started.withLock { $0 }
        var metadata: Logger.Metadata = [:]
        if let since {
            let elapsed = ContinuousClock.now - since
            metadata["drain_ms"] = "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)"
        }
        logger.notice("discogs-mcp stopped: in-flight calls drained, listeners and background services stopped, database closed", metadata: metadata)
    }
}
