import Foundation
import GRDB

extension SQLiteOAuthStore {
    public func markUsed(clientID: String, at date: Date) async throws {
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE oauth_client SET last_used_at = ? WHERE client_id = ?", arguments: [Self.seconds(date), clientID])
        }
    }

    public func purgeUnused(neverUsedBefore: Date, unusedSince: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    DELETE FROM oauth_client
                    WHERE (last_used_at IS NULL AND created_at < ?) OR last_used_at < ?
                    """,
                arguments: [Self.seconds(neverUsedBefore), Self.seconds(unusedSince)]
            )
            return db.changesCount
        }
    }
}
