import Foundation
import GRDB

extension SQLiteOAuthStore: TokenRepository {
    public func insertAccess(hash: String, _ record: AccessTokenRecord) async throws {
        try await database.pool.write { db in try Self.insertAccess(db, hash: hash, record) }
    }

    public func insertRefresh(hash: String, _ record: RefreshTokenRecord) async throws {
        try await database.pool.write { db in try Self.insertRefresh(db, hash: hash, record) }
    }

    public func insertTokens(_ rows: IssuedTokenRows) async throws {
        try await database.pool.write { db in
            try Self.insertAccess(db, hash: rows.accessHash, rows.access)
            try Self.insertRefresh(db, hash: rows.refreshHash, rows.refresh)
        }
    }

    public func rotateRefresh(hash: String, at date: Date, successors: IssuedTokenRows) async throws -> SingleUse<RefreshTokenRecord>? {
        try await database.pool.write { db in
            guard let record = try Self.fetchRefresh(db, hash) else { return nil }
            if record.usedAt != nil { return .alreadyUsed(record) }
            try db.execute(
                sql: "UPDATE oauth_refresh_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                arguments: [Self.seconds(date), hash]
            )
            guard db.changesCount == 1 else { return .alreadyUsed(record) }
            try Self.insertAccess(db, hash: successors.accessHash, successors.access)
            try Self.insertRefresh(db, hash: successors.refreshHash, successors.refresh)
            return .fresh(record)
        }
    }

    static func insertAccess(_ db: GRDB.Database, hash: String, _ record: AccessTokenRecord) throws {
        try db.execute(
            sql: """
                INSERT INTO oauth_access_token (token_hash, family_id, client_id, subject, resource, scope, created_at, expires_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                hash, record.familyID, record.clientID, record.subject, record.resource, record.scope,
                Self.seconds(record.createdAt), Self.seconds(record.expiresAt), Self.seconds(record.revokedAt),
            ]
        )
    }

    static func insertRefresh(_ db: GRDB.Database, hash: String, _ record: RefreshTokenRecord) throws {
        try db.execute(
            sql: """
                INSERT INTO oauth_refresh_token (token_hash, family_id, client_id, subject, resource, scope, created_at, expires_at,
                    used_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                hash, record.familyID, record.clientID, record.subject, record.resource, record.scope, Self.seconds(record.createdAt),
                Self.seconds(record.expiresAt), Self.seconds(record.usedAt), Self.seconds(record.revokedAt),
            ]
        )
    }

    public func findAccess(hash: String) async throws -> AccessTokenRecord? {
        try await database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM oauth_access_token WHERE token_hash = ?", arguments: [hash]) else {
                return nil
            }
            return AccessTokenRecord(
                familyID: row["family_id"],
                clientID: row["client_id"],
                subject: row["subject"],
                resource: row["resource"],
                scope: row["scope"],
                createdAt: Self.date(row, "created_at"),
                expiresAt: Self.date(row, "expires_at"),
                revokedAt: Self.optionalDate(row, "revoked_at")
            )
        }
    }

    public func findRefresh(hash: String) async throws -> RefreshTokenRecord? {
        try await database.pool.read { db in try Self.fetchRefresh(db, hash) }
    }

    public func markRefreshUsed(hash: String, at date: Date) async throws -> SingleUse<RefreshTokenRecord>? {
        try await database.pool.write { db in
            guard let record = try Self.fetchRefresh(db, hash) else { return nil }
            if record.usedAt != nil { return .alreadyUsed(record) }
            try db.execute(
                sql: "UPDATE oauth_refresh_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                arguments: [Self.seconds(date), hash]
            )
            return db.changesCount == 1 ? .fresh(record) : .alreadyUsed(record)
        }
    }

    public func revokeAccess(hash: String, at date: Date) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: "UPDATE oauth_access_token SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                arguments: [Self.seconds(date), hash]
            )
        }
    }

    @discardableResult
    public func revokeFamily(_ familyID: String, at date: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "UPDATE oauth_access_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                arguments: [Self.seconds(date), familyID]
            )
            var changed = db.changesCount
            try db.execute(
                sql: "UPDATE oauth_refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                arguments: [Self.seconds(date), familyID]
            )
            changed += db.changesCount
            return changed
        }
    }

    public func purgeTokens(expiredBefore cutoff: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM oauth_access_token WHERE expires_at < ?", arguments: [Self.seconds(cutoff)])
            var removed = db.changesCount
            try db.execute(sql: "DELETE FROM oauth_refresh_token WHERE expires_at < ?", arguments: [Self.seconds(cutoff)])
            removed += db.changesCount
            return removed
        }
    }

    static func fetchRefresh(_ db: GRDB.Database, _ hash: String) throws -> RefreshTokenRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM oauth_refresh_token WHERE token_hash = ?", arguments: [hash]) else {
            return nil
        }
        return RefreshTokenRecord(
            familyID: row["family_id"],
            clientID: row["client_id"],
            subject: row["subject"],
            resource: row["resource"],
            scope: row["scope"],
            createdAt: date(row, "created_at"),
            expiresAt: date(row, "expires_at"),
            usedAt: optionalDate(row, "used_at"),
            revokedAt: optionalDate(row, "revoked_at")
        )
    }
}
