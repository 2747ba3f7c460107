import Foundation
import PostgresNIO

/// Sessions in PostgreSQL, keyed by the SHA-256 of their id: every instance recognises every session.
public struct PostgresSessionRepository: SessionRepository {
    private let database: PostgresStorage

    public init(database: PostgresStorage) {
        self.database = database
    }

    public func insert(id: String, _ record: SessionRecord) async throws {
        try await write(id: id, record, replacing: false)
    }

    public func save(id: String, _ record: SessionRecord) async throws {
        try await write(id: id, record, replacing: true)
    }

    private func write(id: String, _ record: SessionRecord, replacing: Bool) async throws {
        let hash = SQLiteSessionRepository.hash(id)
        var query: PostgresQuery = """
            INSERT INTO mcp_session (id_hash, principal_id, transport, revision, client_name, client_version,
                client_capabilities, created_at, last_active_at, ended_at)
            VALUES (\(hash), \(record.principalID), \(record.transport), \(record.revision), \(record.clientName),
                \(record.clientVersion), \(record.clientCapabilitiesJSON), \(record.createdAt.timeIntervalSince1970),
                \(record.lastActiveAt.timeIntervalSince1970), \(record.endedAt?.timeIntervalSince1970))
            """
        if replacing {
            query.sql += """

                ON CONFLICT (id_hash) DO UPDATE SET principal_id = excluded.principal_id, revision = excluded.revision,
                    client_name = excluded.client_name, client_version = excluded.client_version,
                    client_capabilities = excluded.client_capabilities, last_active_at = excluded.last_active_at
                """
        }
        try await database.client.query(query, logger: database.logger)
    }

    public func find(id: String) async throws -> SessionRecord? {
        let hash = SQLiteSessionRepository.hash(id)
        return try await database.rows("SELECT * FROM mcp_session WHERE id_hash = \(hash)") { row in
            SessionRecord(
                principalID: try row["principal_id"].decode(String.self),
                transport: try row["transport"].decode(String.self),
                revision: try row["revision"].decode(String.self),
                clientName: try row["client_name"].decode(String?.self),
                clientVersion: try row["client_version"].decode(String?.self),
                clientCapabilitiesJSON: try row["client_capabilities"].decode(String.self),
                createdAt: try PostgresColumns.date(row, "created_at"),
                lastActiveAt: try PostgresColumns.date(row, "last_active_at"),
                endedAt: try PostgresColumns.optionalDate(row, "ended_at")
            )
        }.first
    }

    public func touch(id: String, at date: Date) async throws {
        let hash = SQLiteSessionRepository.hash(id)
        try await database.client.query(
            "UPDATE mcp_session SET last_active_at = \(date.timeIntervalSince1970) WHERE id_hash = \(hash)",
            logger: database.logger
        )
    }

    public func end(id: String, at date: Date) async throws {
        let hash = SQLiteSessionRepository.hash(id)
        try await database.client.query(
            "UPDATE mcp_session SET ended_at = \(date.timeIntervalSince1970) WHERE id_hash = \(hash) AND ended_at IS NULL",
            logger: database.logger
        )
    }

    public func purge(before cutoff: Date) async throws -> Int {
        try await database.changes(
            "DELETE FROM mcp_session WHERE COALESCE(ended_at, last_active_at) < \(cutoff.timeIntervalSince1970) RETURNING 1"
        )
    }
}
