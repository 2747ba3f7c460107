import Foundation
import Locking
import Logging

/// The PostgreSQL pool's size as its own events report it: connections opened and not yet closed.
///
/// postgres-nio exposes no pool statistics, but its pool reports every connection it starts,
/// fails to make or closes to the client's background logger (at debug or info level); leases are
/// not reported, so the wait for one is probed instead (`PostgresStorage.leaseWait()`).
/// `PoolObservingLogHandler` sits in that logger, counts those events here, and passes
/// everything at the configured level on to the real handler.
public final class PostgresPoolStatistics: Sendable {
    public struct Snapshot: Sendable, Hashable {
        /// Connections being made or made, not yet closed.
        public var open: Int
        public var maximum: Int
    }

    private let open = Locked<Set<String>>([])
    public let maximum: Int

    init(maximum: Int) {
        self.maximum = maximum
    }

    public var snapshot: Snapshot {
        Snapshot(open: open.withLock(\.count), maximum: maximum)
    }

    /// Applies one pool event, named by postgres-nio's log message, for connection `id`.
    func observe(_ message: String, connection id: String) {
        open.withLock { open in
            switch message {
            case "Creating new connection": open.insert(id)
            case "Connection creation failed", "Connection closed": open.remove(id)
            default: break
            }
        }
    }
}

/// A log handler that feeds pool events to `PostgresPoolStatistics` and forwards what `level` lets through.
struct PoolObservingLogHandler: LogHandler {
    var wrapped: any LogHandler
    let statistics: PostgresPoolStatistics
    /// What is forwarded; this handler itself sees everything down to debug.
    let level: Logger.Level

    var logLevel: Logger.Level {
        get { .debug }
        set {}
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if let id = event.metadata?["psql_connection_id"] { statistics.observe(event.message.description, connection: "\(id)") }
        guard event.level >= level else { return }
        wrapped.log(event: event)
    }
}
