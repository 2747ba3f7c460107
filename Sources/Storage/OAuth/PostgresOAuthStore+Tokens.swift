import Foundation
import Logging
import PostgresNIO

extension PostgresOAuthStore: TokenRepository {
    public func insertAccess(hash: String, _ record: AccessTokenRecord) async throws {
        try await database.client.query(Self.accessInsert(hash: hash, record), logger: database.logger)
    }

    public func insertRefresh(hash: String, _ record: RefreshTokenRecord) async throws {
        try await database.client.query(Self.refreshInsert(hash: hash, record), logger: database.logger)
    }

    public func findAccess(hash: String) async throws -> AccessTokenRecord? {
        try await database.rows("SELECT * FROM oauth_access_token WHERE token_hash = \(hash)") { row in
            AccessTokenRecord(
                familyID: try row["family_id"].decode(String.self),
                clientID: try row["client_id"].decode(String.self),
                subject: try row["subject"].decode(String.self),
                resource: try row["resource"].decode(String.self),
                scope: try row["scope"].decode(String.self),
                createdAt: try PostgresColumns.date(row, "created_at"),
                expiresAt: try PostgresColumns.date(row, "expires_at"),
                revokedAt: try PostgresColumns.optionalDate(row, "revoked_at")
            )
        }.first
    }

    public func findRefresh(hash: String) async throws -> RefreshTokenRecord? {
        try await database.rows("SELECT * FROM oauth_refresh_token WHERE token_hash = \(hash)", Self.refresh).first
    }

    public func markRefreshUsed(hash: String, at date: Date) async throws -> SingleUse<RefreshTokenRecord>? {
        let logger = database.logger
        return try await database.client.withTransaction(logger: logger) { connection in
            let query: PostgresQuery = "SELECT * FROM oauth_refresh_token WHERE token_hash = \(hash) FOR UPDATE"
            guard let record = try await PostgresStorage.rows(query, on: connection, logger: logger, Self.refresh).first else { return nil }
            if record.usedAt != nil { return .alreadyUsed(record) }
            try await connection.query(
                "UPDATE oauth_refresh_token SET used_at = \(Self.seconds(date)) WHERE token_hash = \(hash)",
                logger: logger
            )
            return .fresh(record)
        }
    }

    public func revokeAccess(hash: String, at date: Date) async throws {
        try await database.client.query(
            "UPDATE oauth_access_token SET revoked_at = \(Self.seconds(date)) WHERE token_hash = \(hash) AND revoked_at IS NULL",
            logger: database.logger
        )
    }

    @discardableResult
    public func revokeFamily(_ familyID: String, at date: Date) async throws -> Int {
        let at = Self.seconds(date)
        let changed = try await database.scalar(
            """
            WITH access AS (
                UPDATE oauth_access_token SET revoked_at = \(at) WHERE family_id = \(familyID) AND revoked_at IS NULL RETURNING 1),
            refresh AS (
                UPDATE oauth_refresh_token SET revoked_at = \(at) WHERE family_id = \(familyID) AND revoked_at IS NULL RETURNING 1)
            SELECT (SELECT count(*) FROM access) + (SELECT count(*) FROM refresh)
            """,
            as: Int64.self
        )
        return Int(changed ?? 0)
    }

    public func purgeTokens(expiredBefore cutoff: Date) async throws -> Int {
        let before = Self.seconds(cutoff)
        let removed = try await database.scalar(
            """
            WITH access AS (DELETE FROM oauth_access_token WHERE expires_at < \(before) RETURNING 1),
            refresh AS (DELETE FROM oauth_refresh_token WHERE expires_at < \(before) RETURNING 1)
            SELECT (SELECT count(*) FROM access) + (SELECT count(*) FROM refresh)
            """,
            as: Int64.self
        )
        return Int(removed ?? 0)
    }

    static func refresh(_ row: PostgresRandomAccessRow) throws -> RefreshTokenRecord {
        RefreshTokenRecord(
            familyID: try row["family_id"].decode(String.self),
            clientID: try row["client_id"].decode(String.self),
            subject: try row["subject"].decode(String.self),
            resource: try row["resource"].decode(String.self),
            scope: try row["scope"].decode(String.self),
            createdAt: try PostgresColumns.date(row, "created_at"),
            expiresAt: try PostgresColumns.date(row, "expires_at"),
            usedAt: try PostgresColumns.optionalDate(row, "used_at"),
            revokedAt: try PostgresColumns.optionalDate(row, "revoked_at")
        )
    }
}
