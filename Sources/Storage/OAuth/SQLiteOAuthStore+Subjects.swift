import Foundation
import GRDB

extension SQLiteOAuthStore: SubjectGrantRepository {
    @discardableResult
    public func revokeSubject(_ subject: String, at date: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "UPDATE oauth_access_token SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL",
                arguments: [Self.seconds(date), subject]
            )
            var changed = db.changesCount
            try db.execute(
                sql: "UPDATE oauth_refresh_token SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL",
                arguments: [Self.seconds(date), subject]
            )
            changed += db.changesCount
            // A code not yet redeemed would mint a fresh grant on the revoked credentials.
            try db.execute(
                sql: "UPDATE oauth_authorization_code SET consumed_at = ? WHERE subject = ? AND consumed_at IS NULL",
                arguments: [Self.seconds(date), subject]
            )
            return changed + db.changesCount
        }
    }

    public func hasLiveGrant(subject: String, at date: Date) async throws -> Bool {
        try await database.pool.read { db in
            let now = Self.seconds(date)
            let live = try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM oauth_refresh_token
                                   WHERE subject = ? AND revoked_at IS NULL AND used_at IS NULL AND expires_at > ?)
                        OR EXISTS (SELECT 1 FROM oauth_access_token WHERE subject = ? AND revoked_at IS NULL AND expires_at > ?)
                        OR EXISTS (SELECT 1 FROM oauth_authorization_code WHERE subject = ? AND consumed_at IS NULL AND expires_at > ?)
                    """,
                arguments: [subject, now, subject, now, subject, now]
            )
            return live ?? false
        }
    }
}
