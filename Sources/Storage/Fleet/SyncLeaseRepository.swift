import Foundation
import PostgresNIO

/// Who syncs a user's list in a fleet: one instance at a time holds the lease, renews it while it
/// syncs and gives it back after; a lease not renewed (its instance died) expires and another
/// instance takes over, resuming the sync at the page saved last.
public protocol SyncLeaseRepository: Sendable {
    /// Takes or renews the lease of (`username`, `list`) for `holder` until `expiresAt`; false
    /// while another holder's lease is live at `now`.
    func acquire(username: String, list: String, holder: String, expiresAt: Date, now: Date) async throws -> Bool
    /// Gives the lease back if `holder` still holds it.
    func release(username: String, list: String, holder: String) async throws
}

/// `SyncLeaseRepository` in the `collection_sync_lease` table: one conditional upsert decides.
public struct PostgresSyncLeaseRepository: SyncLeaseRepository {
    private let database: PostgresStorage

    public init(database: PostgresStorage) {
        self.database = database
    }

    public func acquire(username: String, list: String, holder: String, expiresAt: Date, now: Date) async throws -> Bool {
        let user = username.lowercased()
        let rows = try await database.rows(
            """
            INSERT INTO collection_sync_lease (username, list, holder, expires_at)
            VALUES (\(user), \(list), \(holder), \(expiresAt.timeIntervalSince1970))
            ON CONFLICT (username, list) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE collection_sync_lease.expires_at <= \(now.timeIntervalSince1970) OR collection_sync_lease.holder = excluded.holder
            RETURNING holder
            """
        ) { row in try row["holder"].decode(String.self) }
        return rows.first == holder
    }

    public func release(username: String, list: String, holder: String) async throws {
        try await database.client.query(
            "DELETE FROM collection_sync_lease WHERE username = \(username.lowercased()) AND list = \(list) AND holder = \(holder)",
            logger: database.logger
        )
    }
}
