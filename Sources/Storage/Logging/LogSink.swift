import Foundation
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
    private let repository: (any LogEventRepository)?
    private let retention: Retention
    private nonisolated let writeLine: @Sendable (String) -> Void
    /// Stamps events and dates the retention cutoff.
    public nonisolated let clock: ServerClock
    private var stored = 0

    /// A sink storing into SQLite (nil: stderr only).
    public init(
        database: Database?,
        format: LogFormat,
        retention: Retention,
        redactor: Redactor = Redactor(),
        clock: ServerClock = .continuous,
        writeLine: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    ) {
        self.init(
            repository: database.map(SQLiteLogEventRepository.init),
            format: format,
            retention: retention,
            redactor: redactor,
            clock: clock,
            writeLine: writeLine
        )
    }

    /// A sink storing into either engine's log table (nil: stderr only).
    public init(
        repository: (any LogEventRepository)?,
        format: LogFormat,
        retention: Retention,
        redactor: Redactor = Redactor(),
        clock: ServerClock = .continuous,
        writeLine: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    ) {
        self.clock = clock
        self.repository = repository
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
        guard let repository else { return }
        let cutoff = clock.date(ago: retention.maximumAge)
        stored += 1
        let prune = stored >= max(1, retention.maximumRows / 10)
        if prune { stored = 0 }
        do {
            try await repository.insert(event, prune: prune ? LogPrune(olderThan: cutoff, maximumRows: retention.maximumRows) : nil)
        } catch {
            writeLine(
                format.line(
                    LogRecord(
                        timestamp: clock.date,
                        level: "error",
                        label: "discogs-mcp.logsink",
                        message: "could not store a log event: \(error)",
                        metadata: [:],
                        requestID: nil,
                        source: "Storage"
                    )
                )
            )
        }
    }

    /// The most recent stored events, newest first (for diagnostics and tests).
    public func recent(limit: Int) async throws -> [LogRecord] {
        guard let repository else { return [] }
        return try await repository.recent(limit: limit)
    }

    public func storedCount() async throws -> Int {
        guard let repository else { return 0 }
        return try await repository.count()
    }
}
