import Foundation
import Logging
import PostgresNIO

extension PostgresOAuthStore: AuthorizationCodeRepository {
    public func insert(codeHash: String, _ record: AuthorizationCodeRecord) async throws {
        try await database.client.query(
            """
            INSERT INTO oauth_authorization_code (code_hash, client_id, subject, redirect_uri, code_challenge, resource, scope,
                family_id, created_at, expires_at, consumed_at)
            VALUES (\(codeHash), \(record.clientID), \(record.subject), \(record.redirectURI), \(record.codeChallenge), \(record.resource),
                \(record.scope), \(record.familyID), \(Self.seconds(record.createdAt)), \(Self.seconds(record.expiresAt)),
                \(Self.seconds(record.consumedAt)))
            """,
            logger: database.logger
        )
    }

    public func find(codeHash: String) async throws -> AuthorizationCodeRecord? {
        try await database.rows("SELECT * FROM oauth_authorization_code WHERE code_hash = \(codeHash)", Self.code).first
    }

    public func consume(codeHash: String, at date: Date) async throws -> SingleUse<AuthorizationCodeRecord>? {
        let logger = database.logger
        return try await database.client.withTransaction(logger: logger) { connection in
            let query: PostgresQuery = "SELECT * FROM oauth_authorization_code WHERE code_hash = \(codeHash) FOR UPDATE"
            guard let record = try await PostgresStorage.rows(query, on: connection, logger: logger, Self.code).first else { return nil }
            if record.consumedAt != nil { return .alreadyUsed(record) }
            try await connection.query(
                "UPDATE oauth_authorization_code SET consumed_at = \(Self.seconds(date)) WHERE code_hash = \(codeHash)",
                logger: logger
            )
            return .fresh(record)
        }
    }

    public func purgeCodes(expiredBefore cutoff: Date) async throws -> Int {
        try await database.changes("DELETE FROM oauth_authorization_code WHERE expires_at < \(Self.seconds(cutoff)) RETURNING 1")
    }

    static func code(_ row: PostgresRandomAccessRow) throws -> AuthorizationCodeRecord {
        AuthorizationCodeRecord(
            clientID: try row["client_id"].decode(String.self),
            subject: try row["subject"].decode(String.self),
            redirectURI: try row["redirect_uri"].decode(String.self),
            codeChallenge: try row["code_challenge"].decode(String.self),
            resource: try row["resource"].decode(String.self),
            scope: try row["scope"].decode(String.self),
            familyID: try row["family_id"].decode(String.self),
            createdAt: try PostgresColumns.date(row, "created_at"),
            expiresAt: try PostgresColumns.date(row, "expires_at"),
            consumedAt: try PostgresColumns.optionalDate(row, "consumed_at")
        )
    }
}

extension PostgresOAuthStore: PendingAuthorizationRepository {
    public func insert(idHash: String, _ record: PendingAuthorizationRecord) async throws {
        try await database.client.query(
            """
            INSERT INTO oauth_pending_authorization (id_hash, client_id, redirect_uri, code_challenge, state, resource, scope,
                upstream_request_token, upstream_request_secret, created_at, expires_at, consumed_at)
            VALUES (\(idHash), \(record.clientID), \(record.redirectURI), \(record.codeChallenge), \(record.state), \(record.resource),
                \(record.scope), \(record.upstreamRequestToken), \(record.upstreamRequestSecret), \(Self.seconds(record.createdAt)),
                \(Self.seconds(record.expiresAt)), \(Self.seconds(record.consumedAt)))
            """,
            logger: database.logger
        )
    }

    public func find(idHash: String) async throws -> PendingAuthorizationRecord? {
        try await database.rows("SELECT * FROM oauth_pending_authorization WHERE id_hash = \(idHash)", Self.pending).first
    }

    public func consume(idHash: String, at date: Date) async throws -> PendingAuthorizationRecord? {
        let logger = database.logger
        return try await database.client.withTransaction(logger: logger) { connection in
            let query: PostgresQuery = "SELECT * FROM oauth_pending_authorization WHERE id_hash = \(idHash) FOR UPDATE"
            guard let record = try await PostgresStorage.rows(query, on: connection, logger: logger, Self.pending).first,
                record.consumedAt == nil
            else { return nil }
            try await connection.query(
                "UPDATE oauth_pending_authorization SET consumed_at = \(Self.seconds(date)) WHERE id_hash = \(idHash)",
                logger: logger
            )
            return record
        }
    }

    public func purge(expiredBefore cutoff: Date) async throws -> Int {
        try await database.changes("DELETE FROM oauth_pending_authorization WHERE expires_at < \(Self.seconds(cutoff)) RETURNING 1")
    }

    static func pending(_ row: PostgresRandomAccessRow) throws -> PendingAuthorizationRecord {
        PendingAuthorizationRecord(
            clientID: try row["client_id"].decode(String.self),
            redirectURI: try row["redirect_uri"].decode(String.self),
            codeChallenge: try row["code_challenge"].decode(String.self),
            state: try row["state"].decode(String?.self),
            resource: try row["resource"].decode(String.self),
            scope: try row["scope"].decode(String.self),
            upstreamRequestToken: try row["upstream_request_token"].decode(String?.self),
            upstreamRequestSecret: try row["upstream_request_secret"].decode(Data?.self),
            createdAt: try PostgresColumns.date(row, "created_at"),
            expiresAt: try PostgresColumns.date(row, "expires_at"),
            consumedAt: try PostgresColumns.optionalDate(row, "consumed_at")
        )
    }
}
