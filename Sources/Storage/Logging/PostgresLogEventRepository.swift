import Foundation
import Logging
import PostgresNIO

/// Log events in PostgreSQL's `log_event` table: one table for the whole fleet.
public struct PostgresLogEventRepository: LogEventRepository {
    private let database: PostgresStorage

    public init(database: PostgresStorage) {
        self.database = database
    }

    public func insert(_ event: LogRecord, prune: LogPrune?) async throws {
        let logger = database.logger
        let metadata = event.metadataJSON
        try await database.client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO log_event (at, level, label, message, metadata, request_id)
                VALUES (\(event.timestamp.timeIntervalSince1970), \(event.level), \(event.label), \(event.message), \(metadata), \(event.requestID))
                """,
                logger: logger
            )
            guard let prune else { return }
            try await connection.query("DELETE FROM log_event WHERE at < \(prune.olderThan.timeIntervalSince1970)", logger: logger)
            try await connection.query(
                "DELETE FROM log_event WHERE id <= (SELECT id FROM log_event ORDER BY id DESC LIMIT 1 OFFSET \(prune.maximumRows))",
                logger: logger
            )
        }
    }

    public func recent(limit: Int) async throws -> [LogRecord] {
        try await database.rows("SELECT * FROM log_event ORDER BY id DESC LIMIT \(limit)") { row in
            LogRecord(
                timestamp: try PostgresColumns.date(row, "at"),
                level: try row["level"].decode(String.self),
                label: try row["label"].decode(String.self),
                message: try row["message"].decode(String.self),
                metadata: LogRecord.metadata(fromJSON: try row["metadata"].decode(String.self)),
                requestID: try row["request_id"].decode(String?.self),
                source: ""
            )
        }
    }

    public func count() async throws -> Int {
        Int(try await database.scalar("SELECT count(*)::bigint FROM log_event", as: Int64.self) ?? 0)
    }
}
