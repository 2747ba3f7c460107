import Foundation
import Logging
import PostgresNIO

/// Issuance and rotation as one transaction each, as `TokenRepository` asks: a crash leaves the old
/// refresh token live or the new pair issued, never a spent token without successors.
extension PostgresOAuthStore {
    public func insertTokens(_ rows: IssuedTokenRows) async throws {
        let logger = database.logger
        try await database.client.withTransaction(logger: logger) { connection in
            try await connection.query(Self.accessInsert(hash: rows.accessHash, rows.access), logger: logger)
            try await connection.query(Self.refreshInsert(hash: rows.refreshHash, rows.refresh), logger: logger)
        }
    }

    public func rotateRefresh(hash: String, at date: Date, successors: IssuedTokenRows) async throws -> SingleUse<RefreshTokenRecord>? {
        let logger = database.logger
        return try await database.client.withTransaction(logger: logger) { connection in
            let query: PostgresQuery = "SELECT * FROM oauth_refresh_token WHERE token_hash = \(hash) FOR UPDATE"
            guard let record = try await PostgresStorage.rows(query, on: connection, logger: logger, Self.refresh).first else { return nil }
            if record.usedAt != nil { return .alreadyUsed(record) }
            try await connection.query(
                "UPDATE oauth_refresh_token SET used_at = \(Self.seconds(date)) WHERE token_hash = \(hash)",
                logger: logger
            )
            try await connection.query(Self.accessInsert(hash: successors.accessHash, successors.access), logger: logger)
            try await connection.query(Self.refreshInsert(hash: successors.refreshHash, successors.refresh), logger: logger)
            return .fresh(record)
        }
    }

    static func accessInsert(hash: String, _ record: AccessTokenRecord) -> PostgresQuery {
        """
        INSERT INTO oauth_access_token (token_hash, family_id, client_id, subject, resource, scope, created_at, expires_at, revoked_at)
        VALUES (\(hash), \(record.familyID), \(record.clientID), \(record.subject), \(record.resource), \(record.scope),
            \(Self.seconds(record.createdAt)), \(Self.seconds(record.expiresAt)), \(Self.seconds(record.revokedAt)))
        """
    }

    static func refreshInsert(hash: String, _ record: RefreshTokenRecord) -> PostgresQuery {
        """
        INSERT INTO oauth_refresh_token (token_hash, family_id, client_id, subject, resource, scope, created_at, expires_at,
            used_at, revoked_at)
        VALUES (\(hash), \(record.familyID), \(record.clientID), \(record.subject), \(record.resource), \(record.scope),
            \(Self.seconds(record.createdAt)), \(Self.seconds(record.expiresAt)), \(Self.seconds(record.usedAt)),
            \(Self.seconds(record.revokedAt)))
        """
    }
}
