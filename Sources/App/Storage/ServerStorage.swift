import Auth
import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Every repository the server uses, on the engine `DISCOGS_MCP_DATABASE` names: SQLite for a
/// file path (the default), PostgreSQL for a `postgres://` URL.
///
/// Chosen once, here; everything else sees only the repository protocols. On PostgreSQL the pool
/// and the cross-instance listener are services of the server's group, listed before the HTTP
/// server so that they stop after it has drained.
struct ServerStorage: Sendable {
    enum Engine: Sendable {
        case sqlite(Database)
        case postgres(PostgresStorage, PostgresInstanceBus)
    }

    let engine: Engine
    let sessions: any SessionRepository
    let oauth: TokenVault.Repositories
    let cache: any ResponseCacheRepository
    let index: any CollectionIndexStore
    let logEvents: any LogEventRepository
    let bus: any InstanceBus
    /// The bus to the other instances on the same database: PostgreSQL's; nil for SQLite, which
    /// serves one instance (tests join SQLite servers in one process with a `LocalInstanceBus`).
    var fleetBus: (any InstanceBus)? = nil
    /// The fleet's shared short-lived state (login links); nil for SQLite.
    var fleetState: (any FleetStateRepository)? = nil
    /// The fleet's shared Discogs budget; nil for SQLite.
    var requestBudget: (any FleetRequestBudget)? = nil
    /// The fleet's collection-sync leases, held under this instance's bus name; nil for SQLite.
    var syncLeases: (repository: any SyncLeaseRepository, holder: String)? = nil

    /// Repositories over an open SQLite database.
    static func sqlite(_ database: Database) -> ServerStorage {
        ServerStorage(
            engine: .sqlite(database),
            sessions: SQLiteSessionRepository(database: database),
            oauth: .sqlite(database),
            cache: SQLiteResponseCacheRepository(database: database),
            index: SQLiteCollectionIndexStore(database: database),
            logEvents: SQLiteLogEventRepository(database: database),
            bus: LocalInstanceBus()
        )
    }

    /// Repositories over a PostgreSQL database; its pool serves once `services` run.
    static func postgres(_ database: PostgresStorage) -> ServerStorage {
        let oauth = PostgresOAuthStore(database: database)
        let bus = PostgresInstanceBus(database: database)
        return ServerStorage(
            engine: .postgres(database, bus),
            sessions: PostgresSessionRepository(database: database),
            oauth: TokenVault.Repositories(clients: oauth, codes: oauth, tokens: oauth, pending: oauth, upstream: oauth, grants: oauth),
            cache: PostgresResponseCacheRepository(database: database),
            index: PostgresCollectionIndexStore(database: database),
            logEvents: PostgresLogEventRepository(database: database),
            bus: bus,
            fleetBus: bus,
            fleetState: PostgresFleetStateRepository(database: database),
            requestBudget: PostgresRequestBudget(database: database),
            syncLeases: (PostgresSyncLeaseRepository(database: database), bus.instanceID)
        )
    }

    /// How long start-up waits for PostgreSQL to accept a connection and finish the migrations.
    static let migrationTimeout: Duration = .seconds(30)

    struct Unreachable: Error, CustomStringConvertible {
        let seconds: Int
        var description: String { "no connection within \(seconds) s (is the server running, and the host, port and credentials right?)" }
    }

    /// Opens the configured database: SQLite is opened and migrated; PostgreSQL is migrated over a
    /// short-lived connection (under the advisory lock), so the server never serves an old schema.
    static func open(_ configuration: ServerConfiguration, logger: Logger) async throws -> ServerStorage {
        switch try configuration.databaseLocation() {
        case .sqlite:
            return .sqlite(try ServerCore.openDatabase(configuration))
        case .postgres(let settings):
            let migrator = PostgresStorage(settings: settings, maximumConnections: 1, logger: logger)
            do {
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        await migrator.run()
                        return false
                    }
                    group.addTask {
                        try await migrator.migrate()
                        return true
                    }
                    // postgres-nio retries a refused connection forever: give up with a clear error instead.
                    group.addTask {
                        try await Task.sleep(for: migrationTimeout)
                        throw Unreachable(seconds: Int(migrationTimeout.components.seconds))
                    }
                    defer { group.cancelAll() }
                    while let migrated = try await group.next() {
                        if migrated { return }
                    }
                    throw Unreachable(seconds: Int(migrationTimeout.components.seconds))
                }
            } catch {
                throw ConfigurationError(
                    setting: Setting.database.name,
                    value: settings.description,
                    problem: "PostgreSQL cannot be reached or migrated: \(error is Unreachable ? "\(error)" : String(reflecting: error))"
                )
            }
            return .postgres(PostgresStorage(settings: settings, maximumConnections: configuration.postgresPoolSize, logger: logger))
        }
    }

    /// "sqlite" or "postgresql", as `/readyz` and the first log line name it.
    var engineName: String {
        switch engine {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }

    /// The SQLite database, when that is the engine (file checks, tests).
    var sqliteDatabase: Database? {
        if case .sqlite(let database) = engine { return database }
        return nil
    }

    /// Where the data is, for the first log line (never a password).
    var location: String {
        switch engine {
        case .sqlite(let database): database.path
        case .postgres(let database, _): database.settings.description
        }
    }

    /// Migrations this build knows and those the database reports applied.
    func migrations() async throws -> (known: [String], applied: [String]) {
        switch engine {
        case .sqlite(let database): (Database.knownMigrations, try await database.appliedMigrations())
        case .postgres(let database, _): (PostgresStorage.knownMigrations, try await database.appliedMigrations())
        }
    }

    /// The pool and the cross-instance listener (PostgreSQL), to run before the HTTP server.
    var services: [any Service] {
        guard case .postgres(let database, let bus) = engine else { return [] }
        return [PostgresPoolService(database: database), InstanceBusService(bus: bus)]
    }

    /// Closes the SQLite file (the PostgreSQL pool closes when its service stops).
    func close() throws {
        try sqliteDatabase?.close()
    }
}

/// Runs the PostgreSQL pool; `PostgresClient` itself stops on graceful shutdown.
struct PostgresPoolService: Service {
    let database: PostgresStorage

    func run() async throws {
        await database.run()
    }
}

/// Keeps the `LISTEN` connection of the cross-instance bus until graceful shutdown.
struct InstanceBusService: Service {
    let bus: PostgresInstanceBus

    func run() async throws {
        await cancelWhenGracefulShutdown { await bus.run() }
    }
}

extension ServerStorage {
    /// The database line of `/readyz`: "ok", or what is off (SQLite not in WAL mode); throws when unreachable.
    func databaseCheck() async throws -> String {
        switch engine {
        case .sqlite(let database):
            let mode = try await database.journalMode()
            return mode == "wal" ? "ok" : "reachable, journal mode \(mode)"
        case .postgres(let database, _):
            _ = try await database.appliedMigrations()
            return "ok"
        }
    }
}

extension ServerStorage {
    /// The logger of the storage layer, made before the log sink exists (it needs the storage):
    /// stderr, info and above (the migrations applied, connection failures; never a password).
    static func bootLogger() -> Logger {
        var logger = Logger(label: "discogs-mcp.storage") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        return logger
    }
}
