import Foundation
import GRDB

/// Log events in the SQLite `log_event` table (the statements `LogSink` has always used).
public struct SQLiteLogEventRepository: LogEventRepository {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func insert(_ event: LogRecord, prune: LogPrune?) async throws {
        let metadata = event.metadataJSON
        try await database.pool.write { db in
            try db.execute(
                sql: "INSERT INTO log_event (at, level, label, message, metadata, request_id) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [event.timestamp.timeIntervalSince1970, event.level, event.label, event.message, metadata, event.requestID]
            )
            guard let prune else { return }
            try db.execute(sql: "DELETE FROM log_event WHERE at < ?", arguments: [prune.olderThan.timeIntervalSince1970])
            try db.execute(
                sql: "DELETE FROM log_event WHERE id <= (SELECT id FROM log_event ORDER BY id DESC LIMIT 1 OFFSET ?)",
                arguments: [prune.maximumRows]
            )
        }
    }

    public func recent(limit: Int) async throws -> [LogRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM log_event ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                LogRecord(
                    timestamp: Date(timeIntervalSince1970: row["at"]),
                    level: row["level"],
                    label: row["label"],
                    message: row["message"],
                    metadata: LogRecord.metadata(fromJSON: row["metadata"]),
                    requestID: row["request_id"],
                    source: ""
                )
            }
        }
    }

    public func count() async throws -> Int {
        try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM log_event") ?? 0 }
    }
}
