import Foundation
import Logging
import PostgresNIO

/// The server's PostgreSQL database: a `PostgresClient` pool, migrated under an advisory lock.
///
/// The client only hands out connections while `run()` is active: the server runs it as a service
/// in its service group (`PostgresClient` is a `Service`), tests in a task of their own. Several
/// instances may start against one database at once: `migrate()` holds a session-level advisory
/// lock, so the second waits for the first and then finds every migration applied.
public final class PostgresStorage: Sendable {
    public let client: PostgresClient
    public let settings: PostgresSettings
    let logger: Logger

    /// The advisory lock key of the migrations (any constant shared by every instance; "discogs1").
    static let migrationLockKey: Int64 = 0x6469_7363_6f67_7331

    /// Connections open and leased, counted from the pool's own events.
    public let poolStatistics: PostgresPoolStatistics

    public init(settings: PostgresSettings, maximumConnections: Int = 20, logger: Logger) {
        self.settings = settings
        self.logger = logger
        let statistics = PostgresPoolStatistics(maximum: maximumConnections)
        var background = logger
        background.handler = PoolObservingLogHandler(wrapped: logger.handler, statistics: statistics, level: logger.logLevel)
        self.poolStatistics = statistics
        self.client = PostgresClient(
            configuration: settings.clientConfiguration(maximumConnections: maximumConnections),
            backgroundLogger: background
        )
    }

    /// How long leasing a connection takes right now: a probe for the pool's wait time (a busy
    /// pool makes it wait for a release, an empty one for a new connection).
    public func leaseWait() async throws -> Duration {
        let start = ContinuousClock.now
        return try await client.withConnection { _ in ContinuousClock.now - start }
    }

    /// Runs the connection pool until cancelled or, in a service group, until graceful shutdown:
    /// queries wait for a connection while it is not running.
    public func run() async {
        await client.run()
    }

    /// Identifiers of every migration this build knows, in order (the same names as SQLite's).
    public static var knownMigrations: [String] { PostgresMigrations.all.map(\.id) }

    /// Applies every migration not yet applied, one transaction each, under the advisory lock.
    public func migrate() async throws {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.migrationLockKey))", logger: logger)
            do {
                try await Self.applyPending(connection, logger: logger)
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLockKey))", logger: logger)
                throw error
            }
            try await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLockKey))", logger: logger)
        }
    }

    private static func applyPending(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migration (
                id text PRIMARY KEY, applied_at double precision NOT NULL)
            """,
            logger: logger
        )
        let applied = Set(try await appliedIdentifiers(connection, logger: logger))
        for migration in PostgresMigrations.all where !applied.contains(migration.id) {
            try await connection.withTransaction(logger: logger) { transaction in
                for statement in migration.statements {
                    try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Date().timeIntervalSince1970
                try await transaction.query("INSERT INTO schema_migration (id, applied_at) VALUES (\(migration.id), \(now))", logger: logger)
            }
            logger.info("applied PostgreSQL migration", metadata: ["migration": "\(migration.id)"])
        }
    }

    private static func appliedIdentifiers(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var identifiers: [String] = []
        for try await id in try await connection.query("SELECT id FROM schema_migration", logger: logger).decode(String.self) {
            identifiers.append(id)
        }
        return identifiers
    }

    /// Identifiers of the migrations applied so far, sorted (empty before the first `migrate()`).
    public func appliedMigrations() async throws -> [String] {
        let exists = try await scalar("SELECT to_regclass('schema_migration') IS NOT NULL", as: Bool.self) ?? false
        guard exists else { return [] }
        return try await client.withConnection { connection in
            try await Self.appliedIdentifiers(connection, logger: logger).sorted()
        }
    }

    /// The first column of the first row, or nil when there is no row.
    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) async throws -> T? {
        for try await value in try await client.query(query, logger: logger).decode(T.self) {
            return value
        }
        return nil
    }

    /// Runs a data-changing statement and returns how many rows it touched.
    ///
    /// postgres-nio does not expose the command tag's row count, so the statement (which must end
    /// in `RETURNING 1`) is wrapped in a counting CTE.
    func changes(_ statement: PostgresQuery) async throws -> Int {
        let query = PostgresQuery(unsafeSQL: "WITH changed AS (\(statement.sql)) SELECT count(*)::bigint FROM changed", binds: statement.binds)
        return Int(try await scalar(query, as: Int64.self) ?? 0)
    }

    /// Every row of a query, each offered as a random-access row to `map`.
    func rows<T>(_ query: PostgresQuery, _ map: (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
        try await Self.collect(try await client.query(query, logger: logger), map)
    }

    /// Every row of a query run on `connection` (inside a transaction).
    static func rows<T>(
        _ query: PostgresQuery,
        on connection: PostgresConnection,
        logger: Logger,
        _ map: (PostgresRandomAccessRow) throws -> T
    ) async throws -> [T] {
        try await collect(try await connection.query(query, logger: logger), map)
    }

    private static func collect<T>(_ sequence: PostgresRowSequence, _ map: (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
        var result: [T] = []
        for try await row in sequence {
            result.append(try map(row.makeRandomAccess()))
        }
        return result
    }
}
