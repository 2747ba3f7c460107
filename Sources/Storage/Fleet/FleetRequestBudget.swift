import Foundation
import PostgresNIO

/// The Discogs request budget of a whole fleet (`DISCOGS_MCP_DISCOGS_BUDGET=shared`): every
/// instance takes a slot here before each upstream request, so together they stay under the
/// limit of one moving window, as Discogs counts it for the fleet's address.
public protocol FleetRequestBudget: Sendable {
    /// Takes a slot if fewer than `limit` were taken in the `window` before `now`; returns nil when
    /// taken, else the instant the oldest slot frees.
    func reserve(limit: Int, window: Duration, now: Date) async throws -> Date?
}

/// `FleetRequestBudget` in PostgreSQL: one row per request in `discogs_request_slot`, decided
/// under a transaction-scoped advisory lock so that two instances never take the last slot twice.
public struct PostgresRequestBudget: FleetRequestBudget {
    private let database: PostgresStorage
    /// The advisory lock serialising reservations (any constant the schema does not use elsewhere).
    static let lockKey: Int64 = 0x6469_7363_6f67_7362  // "discogsb"

    public init(database: PostgresStorage) {
        self.database = database
    }

    public func reserve(limit: Int, window: Duration, now: Date) async throws -> Date? {
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        let start = now.timeIntervalSince1970 - seconds
        let logger = database.logger
        return try await database.client.withTransaction(logger: logger) { transaction in
            try await transaction.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await transaction.query("DELETE FROM discogs_request_slot WHERE sent_at <= \(start)", logger: logger)
            let rows = try await PostgresStorage.rows(
                "SELECT count(*)::bigint AS used, min(sent_at) AS oldest FROM discogs_request_slot",
                on: transaction,
                logger: logger
            ) { row in (try row["used"].decode(Int64.self), try row["oldest"].decode(Double?.self)) }
            let (used, oldest) = rows.first ?? (0, nil)
            guard used >= Int64(limit) else {
                try await transaction.query("INSERT INTO discogs_request_slot (sent_at) VALUES (\(now.timeIntervalSince1970))", logger: logger)
                return nil
            }
            return Date(timeIntervalSince1970: (oldest ?? now.timeIntervalSince1970) + seconds)
        }
    }
}
