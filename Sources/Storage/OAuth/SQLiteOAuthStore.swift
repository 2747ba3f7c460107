import Foundation
import GRDB

/// The SQLite implementation of every OAuth repository, one extension per aggregate.
///
/// One type keeps the shared row helpers in one place; each protocol conformance lives in its
/// own `SQLiteOAuthStore+Feature.swift` file.
public struct SQLiteOAuthStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }
    static func seconds(_ date: Date?) -> Double? { date?.timeIntervalSince1970 }
    static func date(_ row: Row, _ column: String) -> Date { Date(timeIntervalSince1970: row[column]) }
    static func optionalDate(_ row: Row, _ column: String) -> Date? {
        let value: Double? = row[column]
        return value.map(Date.init(timeIntervalSince1970:))
    }
}

extension SQLiteOAuthStore: OAuthClientRepository {
    public func insert(_ client: OAuthClientRecord) async throws {
        let uris = String(decoding: try JSONEncoder().encode(client.redirectURIs), as: UTF8.self)
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO oauth_client (client_id, secret_hash, auth_method, redirect_uris, metadata, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [client.clientID, client.secretHash, client.authMethod, uris, client.metadataJSON, Self.seconds(client.createdAt)]
            )
        }
    }

    public func find(clientID: String) async throws -> OAuthClientRecord? {
        let row = try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM oauth_client WHERE client_id = ?", arguments: [clientID])
        }
        guard let row else { return nil }
        let urisJSON: String = row["redirect_uris"]
        let uris = try JSONDecoder().decode([String].self, from: Data(urisJSON.utf8))
        return OAuthClientRecord(
            clientID: row["client_id"],
            secretHash: row["secret_hash"],
            authMethod: row["auth_method"],
            redirectURIs: uris,
            metadataJSON: row["metadata"],
            createdAt: Self.date(row, "created_at")
        )
    }

    public func delete(clientID: String) async throws {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM oauth_client WHERE client_id = ?", arguments: [clientID])
        }
    }
}

extension SQLiteOAuthStore: UpstreamCredentialRepository {
    public func upsert(_ record: UpstreamCredentialRecord) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO oauth_upstream_credential (subject, discogs_user_id, username, sealed_token, sealed_secret, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(subject) DO UPDATE SET discogs_user_id = excluded.discogs_user_id, username = excluded.username,
                        sealed_token = excluded.sealed_token, sealed_secret = excluded.sealed_secret, updated_at = excluded.updated_at
                    """,
                arguments: [
                    record.subject, record.discogsUserID, record.username, record.sealedToken, record.sealedSecret, Self.seconds(record.updatedAt),
                ]
            )
        }
    }

    public func find(subject: String) async throws -> UpstreamCredentialRecord? {
        try await database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM oauth_upstream_credential WHERE subject = ?", arguments: [subject]) else {
                return nil
            }
            return UpstreamCredentialRecord(
                subject: row["subject"],
                discogsUserID: row["discogs_user_id"],
                username: row["username"],
                sealedToken: row["sealed_token"],
                sealedSecret: row["sealed_secret"],
                updatedAt: Self.date(row, "updated_at")
            )
        }
    }

    public func subject(forUsername username: String) async throws -> String? {
        try await database.pool.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT subject FROM oauth_upstream_credential WHERE lower(username) = lower(?) ORDER BY updated_at DESC LIMIT 1",
                arguments: [username]
            )
        }
    }

    public func delete(subject: String) async throws {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM oauth_upstream_credential WHERE subject = ?", arguments: [subject])
        }
    }
}
