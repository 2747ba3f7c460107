import Foundation
import PostgresNIO

/// Short-lived values every instance of a fleet reads: login links and the sign-ins they started,
/// whose pages may land on any instance behind the load balancer.
///
/// PostgreSQL only: a single SQLite instance keeps them in memory.
public protocol FleetStateRepository: Sendable {
    /// Stores `value` under `key` until `expiresAt`, replacing what was there.
    func put(_ key: String, _ value: Data, expiresAt: Date) async throws
    /// The live value under `key`.
    func get(_ key: String, now: Date) async throws -> Data?
    /// Removes `key` and returns its value if it was live: of racing callers, one wins.
    func take(_ key: String, now: Date) async throws -> Data?
    func remove(_ key: String) async throws
    /// Deletes values that expired before `cutoff`; returns how many.
    func purge(before cutoff: Date) async throws -> Int
}

/// `FleetStateRepository` in the `fleet_state` table.
public struct PostgresFleetStateRepository: FleetStateRepository {
    private let database: PostgresStorage

    public init(database: PostgresStorage) {
        self.database = database
    }

    public func put(_ key: String, _ value: Data, expiresAt: Date) async throws {
        try await database.client.query(
            """
            INSERT INTO fleet_state (key, value, expires_at) VALUES (\(key), \(value), \(expiresAt.timeIntervalSince1970))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
            """,
            logger: database.logger
        )
    }

    public func get(_ key: String, now: Date) async throws -> Data? {
        try await database.rows("SELECT value FROM fleet_state WHERE key = \(key) AND expires_at > \(now.timeIntervalSince1970)") { row in
            try row["value"].decode(Data.self)
        }.first
    }

    public func take(_ key: String, now: Date) async throws -> Data? {
        let taken = try await database.rows("DELETE FROM fleet_state WHERE key = \(key) RETURNING value, expires_at") { row in
            (try row["value"].decode(Data.self), try PostgresColumns.date(row, "expires_at"))
        }.first
        guard let taken, taken.1 > now else { return nil }
        return taken.0
    }

    public func remove(_ key: String) async throws {
        try await database.client.query("DELETE FROM fleet_state WHERE key = \(key)", logger: database.logger)
    }

    public func purge(before cutoff: Date) async throws -> Int {
        try await database.changes("DELETE FROM fleet_state WHERE expires_at < \(cutoff.timeIntervalSince1970) RETURNING 1")
    }
}
