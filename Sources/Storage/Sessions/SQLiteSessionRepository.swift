import Crypto
import Foundation
import GRDB

/// Sessions in SQLite, keyed by the SHA-256 of their id.
public struct SQLiteSessionRepository: SessionRepository {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func insert(id: String, _ record: SessionRecord) async throws {
        try await write(id: id, record, replacing: false)
    }

    public func save(id: String, _ record: SessionRecord) async throws {
        try await write(id: id, record, replacing: true)
    }

    private func write(id: String, _ record: SessionRecord, replacing: Bool) async throws {
        let hash = Self.hash(id)
        let onConflict =
            replacing
            ? """
            ON CONFLICT (id_hash) DO UPDATE SET principal_id = excluded.principal_id, revision = excluded.revision,
                client_name = excluded.client_name, client_version = excluded.client_version,
                client_capabilities = excluded.client_capabilities, last_active_at = excluded.last_active_at
            """ : ""
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO mcp_session (id_hash, principal_id, transport, revision, client_name, client_version,
                        client_capabilities, created_at, last_active_at, ended_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """ + onConflict,
                arguments: [
                    hash, record.principalID, record.transport, record.revision, record.clientName, record.clientVersion,
                    record.clientCapabilitiesJSON, record.createdAt.timeIntervalSince1970,
                    record.lastActiveAt.timeIntervalSince1970, record.endedAt?.timeIntervalSince1970,
                ]
            )
        }
    }

    public func find(id: String) async throws -> SessionRecord? {
        let hash = Self.hash(id)
        return try await database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM mcp_session WHERE id_hash = ?", arguments: [hash]) else {
                return nil
            }
            let ended: Double? = row["ended_at"]
            return SessionRecord(
                principalID: row["principal_id"],
                transport: row["transport"],
                revision: row["revision"],
                clientName: row["client_name"],
                clientVersion: row["client_version"],
                clientCapabilitiesJSON: row["client_capabilities"],
                createdAt: Date(timeIntervalSince1970: row["created_at"]),
                lastActiveAt: Date(timeIntervalSince1970: row["last_active_at"]),
                endedAt: ended.map(Date.init(timeIntervalSince1970:))
            )
        }
    }

    public func touch(id: String, at date: Date) async throws {
        let hash = Self.hash(id)
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE mcp_session SET last_active_at = ? WHERE id_hash = ?", arguments: [date.timeIntervalSince1970, hash])
        }
    }

    public func end(id: String, at date: Date) async throws {
        let hash = Self.hash(id)
        try await database.pool.write { db in
            try db.execute(
                sql: "UPDATE mcp_session SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL",
                arguments: [date.timeIntervalSince1970, hash]
            )
        }
    }

    public func purge(before cutoff: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM mcp_session WHERE COALESCE(ended_at, last_active_at) < ?",
                arguments: [cutoff.timeIntervalSince1970]
            )
            return db.changesCount
        }
    }

    static func hash(_ id: String) -> String {
        SHA256.hash(data: Data(id.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
