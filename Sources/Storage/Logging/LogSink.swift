import Foundation
import GRDB
import Logging

/// Where every log event ends up: a line on stderr at once, and a row in a bounded table.
///
/// stderr is written synchronously by the handler so nothing is lost if the process dies; the
/// table is filled in batches by `run()`, which also enforces retention by age and row count
/// and drains what is queued when the service is stopped.
public actor LogSink {
    public struct Retention: Sendable, Hashable {
        public var maximumAge: Duration
        public var maximumRows: Int

        public init(maximumAge: Duration, maximumRows: Int) {
            self.maximumAge = maximumAge
            self.maximumRows = maximumRows
        }
    }

    public nonisolated let redactor: Redactor
    public nonisolated let format: LogFormat
    private nonisolated let queue: AsyncStream<LogRecord>.Continuation
    private let events: AsyncStream<LogRecord>
    private let database: Database?
    private let retention: Retention
    private nonisolated let writeLine: @Sendable (String) -> Void
    /// Stamps events and dates the retention cutoff.
    public nonisolated let clock: ServerClock
    private var stored = 0

    public init(
        database: Database?,
        format: LogFormat,
        retention: Retention,
        redactor: Redactor = Redactor(),
        clock: ServerClock = .continuous,
        writeLine: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    ) {
        self.clock = clock
        self.database = database
        self.format = format
        self.retention = retention
        self.redactor = redactor
        self.writeLine = writeLine
        (events, queue) = AsyncStream<LogRecord>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Writes the event to stderr now and queues it for the table.
    public nonisolated func emit(_ event: LogRecord) {
        writeLine(format.line(event))
        queue.yield(event)
    }

    /// Persists queued events until `finish()` is called, then drains the rest.
    ///
    /// One write per event: the server logs lifecycle events and failures, not every request, so
    /// the volume is low and rows never trail stderr.
    public func run() async {
        for await event in events {
            await persist(event)
        }
    }

    /// Stops accepting events; `run()` returns once everything queued is stored.
    public nonisolated func finish() {
        queue.finish()
    }

    private func persist(_ event: LogRecord) async {
        guard let database else { return }
        let cutoff = clock.date(ago: retention.maximumAge)
        let maximumRows = retention.maximumRows
        stored += 1
        let prune = stored >= max(1, maximumRows / 10)
        if prune { stored = 0 }
        let metadata = String(data: (try? JSONSerialization.data(withJSONObject: event.metadata, options: [.sortedKeys])) ?? Data("{}".utf8), encoding: .utf8) ?? "{}"
        do {
            try await database.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO log_event (at, level, label, message, metadata, request_id) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [event.timestamp.timeIntervalSince1970, event.level, event.label, event.message, metadata, event.requestID]
                )
                if prune {
                    try db.execute(sql: "DELETE FROM log_event WHERE at < ?", arguments: [cutoff.timeIntervalSince1970])
                    try db.execute(
                        sql: "DELETE FROM log_event WHERE id <= (SELECT id FROM log_event ORDER BY id DESC LIMIT 1 OFFSET ?)",
                        arguments: [maximumRows]
                    )
                }
            }
        } catch {
            writeLine(format.line(LogRecord(timestamp: clock.date, level: "error", label: "discogs-mcp.logsink", message: "could not store a log event: \(error)", metadata: [:], requestID: nil, source: "Storage")))
        }
    }

    /// The most recent stored events, newest first (for diagnostics and tests).
    public func recent(limit: Int) async throws -> [LogRecord] {
        guard let database else { return [] }
        return try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM log_event ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                let metadataText: String = row["metadata"]
                let metadata = (try? JSONSerialization.jsonObject(with: Data(metadataText.utf8)) as? [String: String]) ?? [:]
                return LogRecord(
                    timestamp: Date(timeIntervalSince1970: row["at"]),
                    level: row["level"],
                    label: row["label"],
                    message: row["message"],
                    metadata: metadata,
                    requestID: row["request_id"],
                    source: ""
                )
            }
        }
    }

    public func storedCount() async throws -> Int {
        guard let database else { return 0 }
        return try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM log_event") ?? 0 }
    }
}
