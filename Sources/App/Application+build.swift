import Auth
import Discogs
import Foundation
import Hummingbird
import Logging
import MCP
import Storage
import Tools
import Transports

/// The parts of a running server that both transports' entry points share.
struct ServerCore: Sendable {
    let configuration: ServerConfiguration
    let database: Database
    let secret: ServerSecret
    let dispatcher: Dispatcher
    let principal: Principal
    let startedAt: Date

    /// Opens storage and assembles the dispatcher. Throws a `ConfigurationError` for unusable settings.
    static func make(
        _ configuration: ServerConfiguration,
        transports: [TransportKind],
        listChanges: ListChangeHub = ListChangeHub(),
        logger: Logger
    ) throws -> ServerCore {
        let database: Database
        do {
            database = try Database(path: configuration.databasePath)
        } catch {
            throw ConfigurationError(setting: "DISCOGS_MCP_DATABASE", value: configuration.databasePath, problem: "cannot be opened: \(error)")
        }
        let secret: ServerSecret
        do {
            secret = try ServerSecret.resolve(configured: configuration.secret, dataDirectory: configuration.dataDirectory)
        } catch {
            throw ConfigurationError(setting: "DISCOGS_MCP_SECRET", value: configuration.secret == nil ? "" : "(set)", problem: "\(error)")
        }
        if secret.isGenerated {
            logger.warning("DISCOGS_MCP_SECRET is not set; using the generated secret in the data folder. Set it explicitly in production and keep it stable.")
        }
        let discogs = configuration.discogs
        let principal = discogs.personalToken.map { Principal.personalToken($0) } ?? .anonymous
        let startedAt = Date()
        let facts = ServerInfoTool.Facts(
            name: ServerConfiguration.name,
            version: ServerConfiguration.version,
            transports: transports,
            discogsMode: discogs.mode.rawValue,
            startedAt: startedAt
        )
        let signIn = "Set DISCOGS_TOKEN (a Discogs personal access token) for single-user use; OAuth sign-in arrives with the OAuth server."
        let registry = ToolRegistry([PingTool(), ServerInfoTool(facts: facts), AuthStatusTool(signInHint: signIn)])
        let identity = ServerIdentity(
            name: ServerConfiguration.name,
            title: "Discogs",
            version: ServerConfiguration.version,
            instructions: "Tools for a person's Discogs account: their collection, wantlist and the Discogs database. Call auth_status to see which account is connected."
        )
        let dispatcher = Dispatcher(identity: identity, registry: registry, listChanges: listChanges)
        return ServerCore(configuration: configuration, database: database, secret: secret, dispatcher: dispatcher, principal: principal, startedAt: startedAt)
    }
}

/// Builds the HTTP application: every route, the MCP transports and their background services.
///
/// - Parameter listChanges: where grant changes are published; tests pass their own to observe fan-out.
func buildApplication(
    _ configuration: ServerConfiguration,
    listChanges: ListChangeHub = ListChangeHub(),
    logger: Logger
) throws -> some ApplicationProtocol {
    if configuration.discogs.mode == .personal, !configuration.bindsLoopbackOnly {
        throw ConfigurationError(
            setting: "DISCOGS_MCP_HOST",
            value: configuration.host,
            problem: "with only DISCOGS_TOKEN set the server acts as that one Discogs account without sign-in, so it listens on loopback only; bind 127.0.0.1 or configure DISCOGS_CONSUMER_KEY/SECRET for OAuth"
        )
    }
    let core = try ServerCore.make(configuration, transports: TransportKind.allCases, listChanges: listChanges, logger: logger)
    let sessions = SessionRegistry(
        repository: SQLiteSessionRepository(database: core.database),
        listChanges: core.dispatcher.listChanges,
        maximumSessions: configuration.maxSessions,
        idleTimeout: configuration.sessionIdleTimeout,
        logger: logger
    )
    let mcp = MCPHTTPServer(
        dispatcher: core.dispatcher,
        sessions: sessions,
        authenticator: FixedPrincipalAuthenticator(principal: core.principal),
        configuration: HTTPTransportConfiguration(
            publicURL: configuration.publicURL,
            allowedOrigins: configuration.allowedOrigins,
            maxBodyBytes: configuration.maxBodyBytes,
            keepAliveInterval: configuration.keepAliveInterval
        ),
        logger: logger
    )
    let router = Router(context: ServerRequestContext.self)
    mcp.addRoutes(to: router)
    HealthRoutes(database: core.database, startedAt: core.startedAt).add(to: router)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: ServerConfiguration.name),
        services: [mcp],
        logger: logger
    )
    let database = core.database
    app.beforeServerStarts {
        logger.info(
            "discogs-mcp listening",
            metadata: [
                "url": "\(configuration.publicURL.absoluteString)",
                "discogs_mode": "\(configuration.discogs.mode.rawValue)",
                "database": "\(database.path)",
            ]
        )
        if configuration.discogs.mode == .sandbox {
            logger.notice("SANDBOX mode: no Discogs credentials are configured, so no real Discogs account is used")
        }
    }
    return app
}
