import Foundation
import Logging
import PostgresNIO
import Storage
import Testing

/// The repositories of one engine, as the contract tests see them.
struct EngineRepositories: Sendable {
    let sessions: any SessionRepository
    let clients: any OAuthClientRepository
    let codes: any AuthorizationCodeRepository
    let pending: any PendingAuthorizationRepository
    let tokens: any TokenRepository
    let upstream: any UpstreamCredentialRepository
    let cache: any ResponseCacheRepository
    let logEvents: any LogEventRepository
    let index: any CollectionIndexStore
    let grants: any SubjectGrantRepository
    /// Migrations this build knows and the ones the database reports applied.
    let knownMigrations: [String]
    let appliedMigrations: @Sendable () async throws -> [String]
}

/// The two storage engines; every contract test runs once per case, neither is ever skipped.
enum StorageEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Opens a fresh, migrated, empty database of this engine for `body`, and removes it afterwards.
    func withRepositories(_ body: @Sendable (EngineRepositories) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("discogs-mcp-contract-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try Database(path: folder.appendingPathComponent("db.sqlite").path)
            let oauth = SQLiteOAuthStore(database: database)
            try await body(
                EngineRepositories(
                    sessions: SQLiteSessionRepository(database: database),
                    clients: oauth,
                    codes: oauth,
                    pending: oauth,
                    tokens: oauth,
                    upstream: oauth,
                    cache: SQLiteResponseCacheRepository(database: database),
                    logEvents: SQLiteLogEventRepository(database: database),
                    index: SQLiteCollectionIndexStore(database: database),
                    grants: oauth,
                    knownMigrations: Database.knownMigrations,
                    appliedMigrations: { try await database.appliedMigrations() }
                )
            )
            try database.close()
        case .postgres:
            try await TestPostgres.withDatabase { database in
                let oauth = PostgresOAuthStore(database: database)
                try await body(
                    EngineRepositories(
                        sessions: PostgresSessionRepository(database: database),
                        clients: oauth,
                        codes: oauth,
                        pending: oauth,
                        tokens: oauth,
                        upstream: oauth,
                        cache: PostgresResponseCacheRepository(database: database),
                        logEvents: PostgresLogEventRepository(database: database),
                        index: PostgresCollectionIndexStore(database: database),
                        grants: oauth,
                        knownMigrations: PostgresStorage.knownMigrations,
                        appliedMigrations: { try await database.appliedMigrations() }
                    )
                )
            }
        }
    }
}
