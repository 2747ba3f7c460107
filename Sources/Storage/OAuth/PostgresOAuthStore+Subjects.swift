import Foundation
import PostgresNIO

extension PostgresOAuthStore: SubjectGrantRepository {
    /// Revokes every token of `subject` and spends its unredeemed codes, in one transaction.
    @discardableResult
    public func revokeSubject(_ subject: String, at date: Date) async throws -> Int {
        let at = Self.seconds(date)
        return try await database.client.withTransaction(logger: database.logger) { connection in
            let statements: [PostgresQuery] = [
                "UPDATE oauth_access_token SET revoked_at = \(at) WHERE subject = \(subject) AND revoked_at IS NULL RETURNING 1",
                "UPDATE oauth_refresh_token SET revoked_at = \(at) WHERE subject = \(subject) AND revoked_at IS NULL RETURNING 1",
                // A code not yet redeemed would mint a fresh grant on the revoked credentials.
                "UPDATE oauth_authorization_code SET consumed_at = \(at) WHERE subject = \(subject) AND consumed_at IS NULL RETURNING 1",
            ]
            var changed = 0
            for statement in statements {
                changed += try await PostgresStorage.rows(statement, on: connection, logger: database.logger) { _ in 1 }.count
            }
            return changed
        }
    }

    public func hasLiveGrant(subject: String, at date: Date) async throws -> Bool {
        let now = Self.seconds(date)
        return try await database.scalar(
            """
            SELECT EXISTS (SELECT 1 FROM oauth_refresh_token
                           WHERE subject = \(subject) AND revoked_at IS NULL AND used_at IS NULL AND expires_at > \(now))
                OR EXISTS (SELECT 1 FROM oauth_access_token WHERE subject = \(subject) AND revoked_at IS NULL AND expires_at > \(now))
                OR EXISTS (SELECT 1 FROM oauth_authorization_code WHERE subject = \(subject) AND consumed_at IS NULL AND expires_at > \(now))
            """,
            as: Bool.self
        ) ?? false
    }
}
