import Foundation
import PostgresNIO

/// The PostgreSQL implementation of every OAuth repository, one extension per aggregate.
///
/// The same tables and columns as `SQLiteOAuthStore`; "consume once" operations lock the row
/// (`SELECT … FOR UPDATE`) so two instances redeeming one code at once see one winner.
public struct PostgresOAuthStore: Sendable {
    let database: PostgresStorage

    public init(database: PostgresStorage) {
        self.database = database
    }

    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }
    static func seconds(_ date: Date?) -> Double? { date?.timeIntervalSince1970 }
}

extension PostgresOAuthStore: OAuthClientRepository {
    public func insert(_ client: OAuthClientRecord) async throws {
        let uris = String(decoding: try JSONEncoder().encode(client.redirectURIs), as: UTF8.self)
        try await database.client.query(
            """
            INSERT INTO oauth_client (client_id, secret_hash, auth_method, redirect_uris, metadata, created_at)
            VALUES (\(client.clientID), \(client.secretHash), \(client.authMethod), \(uris), \(client.metadataJSON), \(Self.seconds(client.createdAt)))
            """,
            logger: database.logger
        )
    }

    public func find(clientID: String) async throws -> OAuthClientRecord? {
        try await database.rows("SELECT * FROM oauth_client WHERE client_id = \(clientID)") { row in
            let urisJSON = try row["redirect_uris"].decode(String.self)
            return OAuthClientRecord(
                clientID: try row["client_id"].decode(String.self),
                secretHash: try row["secret_hash"].decode(String?.self),
                authMethod: try row["auth_method"].decode(String.self),
                redirectURIs: try JSONDecoder().decode([String].self, from: Data(urisJSON.utf8)),
                metadataJSON: try row["metadata"].decode(String.self),
                createdAt: try PostgresColumns.date(row, "created_at")
            )
        }.first
    }

    public func delete(clientID: String) async throws {
        try await database.client.query("DELETE FROM oauth_client WHERE client_id = \(clientID)", logger: database.logger)
    }

    public func markUsed(clientID: String, at date: Date) async throws {
        try await database.client.query(
            "UPDATE oauth_client SET last_used_at = \(Self.seconds(date)) WHERE client_id = \(clientID)",
            logger: database.logger
        )
    }

    public func purgeUnused(neverUsedBefore: Date, unusedSince: Date) async throws -> Int {
        try await database.changes(
            """
            DELETE FROM oauth_client
            WHERE (last_used_at IS NULL AND created_at < \(Self.seconds(neverUsedBefore))) OR last_used_at < \(Self.seconds(unusedSince))
            RETURNING 1
            """
        )
    }
}

extension PostgresOAuthStore: UpstreamCredentialRepository {
    public func upsert(_ record: UpstreamCredentialRecord) async throws {
        try await database.client.query(
            """
            INSERT INTO oauth_upstream_credential (subject, discogs_user_id, username, sealed_token, sealed_secret, updated_at)
            VALUES (\(record.subject), \(record.discogsUserID), \(record.username), \(record.sealedToken), \(record.sealedSecret),
                \(Self.seconds(record.updatedAt)))
            ON CONFLICT (subject) DO UPDATE SET discogs_user_id = excluded.discogs_user_id, username = excluded.username,
                sealed_token = excluded.sealed_token, sealed_secret = excluded.sealed_secret, updated_at = excluded.updated_at
            """,
            logger: database.logger
        )
    }

    public func find(subject: String) async throws -> UpstreamCredentialRecord? {
        try await database.rows("SELECT * FROM oauth_upstream_credential WHERE subject = \(subject)") { row in
            UpstreamCredentialRecord(
                subject: try row["subject"].decode(String.self),
                discogsUserID: try row["discogs_user_id"].decode(Int?.self),
                username: try row["username"].decode(String?.self),
                sealedToken: try row["sealed_token"].decode(Data.self),
                sealedSecret: try row["sealed_secret"].decode(Data.self),
                updatedAt: try PostgresColumns.date(row, "updated_at")
            )
        }.first
    }

    public func subject(forUsername username: String) async throws -> String? {
        try await database.scalar(
            "SELECT subject FROM oauth_upstream_credential WHERE lower(username) = lower(\(username)) ORDER BY updated_at DESC LIMIT 1",
            as: String.self
        )
    }

    public func delete(subject: String) async throws {
        try await database.client.query("DELETE FROM oauth_upstream_credential WHERE subject = \(subject)", logger: database.logger)
    }
}
