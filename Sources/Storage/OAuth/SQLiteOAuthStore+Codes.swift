import Foundation
import GRDB

extension SQLiteOAuthStore: AuthorizationCodeRepository {
    public func insert(codeHash: String, _ record: AuthorizationCodeRecord) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO oauth_authorization_code (code_hash, client_id, subject, redirect_uri, code_challenge, resource, scope,
                        family_id, created_at, expires_at, consumed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    codeHash, record.clientID, record.subject, record.redirectURI, record.codeChallenge, record.resource, record.scope,
                    record.familyID, Self.seconds(record.createdAt), Self.seconds(record.expiresAt), Self.seconds(record.consumedAt),
                ]
            )
        }
    }

    public func find(codeHash: String) async throws -> AuthorizationCodeRecord? {
        try await database.pool.read { db in try Self.fetchCode(db, codeHash) }
    }

    public func consume(codeHash: String, at date: Date) async throws -> SingleUse<AuthorizationCodeRecord>? {
        try await database.pool.write { db in
            guard let record = try Self.fetchCode(db, codeHash) else { return nil }
            if record.consumedAt != nil { return .alreadyUsed(record) }
            try db.execute(
                sql: "UPDATE oauth_authorization_code SET consumed_at = ? WHERE code_hash = ? AND consumed_at IS NULL",
                arguments: [Self.seconds(date), codeHash]
            )
            return db.changesCount == 1 ? .fresh(record) : .alreadyUsed(record)
        }
    }

    static func fetchCode(_ db: GRDB.Database, _ hash: String) throws -> AuthorizationCodeRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM oauth_authorization_code WHERE code_hash = ?", arguments: [hash]) else {
            return nil
        }
        return AuthorizationCodeRecord(
            clientID: row["client_id"],
            subject: row["subject"],
            redirectURI: row["redirect_uri"],
            codeChallenge: row["code_challenge"],
            resource: row["resource"],
            scope: row["scope"],
            familyID: row["family_id"],
            createdAt: date(row, "created_at"),
            expiresAt: date(row, "expires_at"),
            consumedAt: optionalDate(row, "consumed_at")
        )
    }
}

extension SQLiteOAuthStore: PendingAuthorizationRepository {
    public func insert(idHash: String, _ record: PendingAuthorizationRecord) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO oauth_pending_authorization (id_hash, client_id, redirect_uri, code_challenge, state, resource, scope,
                        upstream_request_token, upstream_request_secret, created_at, expires_at, consumed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    idHash, record.clientID, record.redirectURI, record.codeChallenge, record.state, record.resource, record.scope,
                    record.upstreamRequestToken, record.upstreamRequestSecret, Self.seconds(record.createdAt),
                    Self.seconds(record.expiresAt), Self.seconds(record.consumedAt),
                ]
            )
        }
    }

    public func find(idHash: String) async throws -> PendingAuthorizationRecord? {
        try await database.pool.read { db in try Self.fetchPending(db, idHash) }
    }

    public func consume(idHash: String, at date: Date) async throws -> PendingAuthorizationRecord? {
        try await database.pool.write { db in
            guard let record = try Self.fetchPending(db, idHash), record.consumedAt == nil else { return nil }
            try db.execute(
                sql: "UPDATE oauth_pending_authorization SET consumed_at = ? WHERE id_hash = ? AND consumed_at IS NULL",
                arguments: [Self.seconds(date), idHash]
            )
            return db.changesCount == 1 ? record : nil
        }
    }

    public func purge(expiredBefore cutoff: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM oauth_pending_authorization WHERE expires_at < ?", arguments: [Self.seconds(cutoff)])
            return db.changesCount
        }
    }

    public func purgeCodes(expiredBefore cutoff: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM oauth_authorization_code WHERE expires_at < ?", arguments: [Self.seconds(cutoff)])
            return db.changesCount
        }
    }

    static func fetchPending(_ db: GRDB.Database, _ hash: String) throws -> PendingAuthorizationRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM oauth_pending_authorization WHERE id_hash = ?", arguments: [hash]) else {
            return nil
        }
        return PendingAuthorizationRecord(
            clientID: row["client_id"],
            redirectURI: row["redirect_uri"],
            codeChallenge: row["code_challenge"],
            state: row["state"],
            resource: row["resource"],
            scope: row["scope"],
            upstreamRequestToken: row["upstream_request_token"],
            upstreamRequestSecret: row["upstream_request_secret"],
            createdAt: date(row, "created_at"),
            expiresAt: date(row, "expires_at"),
            consumedAt: optionalDate(row, "consumed_at")
        )
    }
}
