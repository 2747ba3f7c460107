import Auth
import Discogs
import Foundation
import Hummingbird
import Logging
import MCP
import Metrics
import Prometheus
import Storage
import Tools
import Transports

/// What the composition root receives instead of creating it, so tests can observe it.
struct AppDependencies: Sendable {
    var listChanges = ListChangeHub()
    var metricsRegistry = PrometheusCollectorRegistry()
    var database: Database?
    /// The storage to use (either engine); when nil, `database` or the configured SQLite file.
    var storage: ServerStorage?
    /// The Discogs to use; the command starts the sandbox first when configured. Default: Discogs as configured.
    var discogsBackend: DiscogsBackend?
    var logger: Logger
    /// Tools beyond the catalog; tests add slow or failing ones (nothing extra ships).
    var extraTools: [any Tool] = []
    /// Told the bound port once the HTTP server listens (port 0 picks a free one).
    var onServerRunning: @Sendable (Int) async -> Void = { _ in }

    init(logger: Logger, database: Database? = nil) {
        self.logger = logger
        self.database = database
    }
}

/// The HTTP server, its extra listeners and the database they share.
struct BuiltServer {
    let application: Application<RouterResponder<ServerRequestContext>>
    /// A dedicated `/metrics` listener when `DISCOGS_MCP_METRICS_PORT` is set.
    let metricsApplication: Application<RouterResponder<ServerRequestContext>>?
    let storage: ServerStorage
    /// The SQLite database, when that is the engine.
    var database: Database? { storage.sqliteDatabase }
    let sessions: SessionRegistry
    let secret: ServerSecret
}

/// The long-lived parts the HTTP application is built from (`buildServices`).
struct ServerServices {
    let core: ServerCore
    let metrics: ServerMetrics?
    let limiter: RateLimiter<ContinuousClock>?
    let sessions: SessionRegistry
    let mcp: MCPHTTPServer
}

/// Builds the HTTP application: every route, the MCP transports and their background services.
///
/// In steps, as Hummingbird's template does: `buildServices` (core, sessions, transports),
/// `buildRouter` (middleware and routes), `buildMetricsListener`, then the application itself.
func buildApplication(_ configuration: ServerConfiguration, dependencies: AppDependencies) throws -> BuiltServer {
    let logger = dependencies.logger
    try checkSingleUserExposure(configuration)
    let services = try buildServices(configuration, dependencies: dependencies)
    let router = buildRouter(configuration, services: services, logger: logger)
    let metricsEndpoint = services.metrics.map { metrics in
        MetricsEndpoint(
            registry: dependencies.metricsRegistry,
            metrics: metrics,
            sessions: services.sessions,
            heartbeat: services.mcp.heartbeat,
            discogs: services.core.discogs,
            startedAt: services.core.startedAt,
            token: configuration.metricsToken,
            requireLoopbackOrToken: configuration.metricsPort == nil,
            loopbackSuffices: configuration.metricsTrustsLoopback,
            storage: services.core.storage
        )
    }
    let metricsApplication = buildMetricsListener(configuration, endpoint: metricsEndpoint, mainRouter: router, logger: logger)
    let app = try buildHTTPApplication(
        configuration,
        router: router,
        services: services,
        onServerRunning: dependencies.onServerRunning,
        logger: logger
    )
    let core = services.core
    return BuiltServer(
        application: app,
        metricsApplication: metricsApplication,
        storage: core.storage,
        sessions: services.sessions,
        secret: core.secret
    )
}

/// The core (dispatcher, Discogs client, index, OAuth server), the rate limiter, the session
/// registry and the HTTP transports, observed by the metrics when they are on.
func buildServices(_ configuration: ServerConfiguration, dependencies: AppDependencies) throws -> ServerServices {
    let logger = dependencies.logger
    let metrics = configuration.metricsEnabled ? ServerMetrics(registry: dependencies.metricsRegistry) : nil
    let limiter = configuration.rateLimits.map { policies in
        RateLimiter(clock: ContinuousClock(), policies: policies) { bucket in metrics?.rateLimited(bucket) }
    }
    let core = try ServerCore.make(
        configuration,
        transports: TransportKind.allCases,
        backend: dependencies.discogsBackend,
        storage: dependencies.storage ?? dependencies.database.map(ServerStorage.sqlite),
        listChanges: dependencies.listChanges,
        observer: metrics,
        discogsObserver: metrics,
        syncObserver: metrics,
        gate: limiter.map { RateLimitedToolCalls(limiter: $0) },
        extraTools: dependencies.extraTools,
        logger: logger
    )
    let sessions = SessionRegistry(
        repository: core.storage.sessions,
        listChanges: core.dispatcher.listChanges,
        maximumSessions: configuration.maxSessions,
        idleTimeout: configuration.sessionIdleTimeout,
        limits: configuration.limits.sessionLimits(maximumSessions: configuration.maxSessions),
        observer: metrics,
        resourceSubscriptions: core.dispatcher.subscriptions,
        logger: logger,
        onSignedIn: { [dispatcher = core.dispatcher] sessionID in await dispatcher.signInCompleted(sessionID: sessionID) }
    )
    let mcp = buildTransports(configuration, core: core, sessions: sessions, limiter: limiter, metrics: metrics, logger: logger)
    return ServerServices(core: core, metrics: metrics, limiter: limiter, sessions: sessions, mcp: mcp)
}

/// Streamable HTTP and legacy SSE behind the authenticator the configuration calls for: OAuth
/// bearers, the access key, or the single principal of a personal token.
func buildTransports(
    _ configuration: ServerConfiguration,
    core: ServerCore,
    sessions: SessionRegistry,
    limiter: RateLimiter<ContinuousClock>?,
    metrics: ServerMetrics?,
    logger: Logger
) -> MCPHTTPServer {
    let fixed: any Authenticator =
        if let key = configuration.access.accessKey { AccessKeyAuthenticator(key: key, principal: core.principal) } else {
            FixedPrincipalAuthenticator(principal: core.principal)
        }
    let oauth = core.oauth
    return MCPHTTPServer(
        dispatcher: core.dispatcher,
        sessions: sessions,
        authenticator: oauth.map { $0.bearer("/mcp") as any Authenticator } ?? fixed,
        legacyAuthenticator: oauth.map { OptionalBearerAuthenticator(bearer: $0.bearer("/sse")) },
        scopeChallenge: oauth.map { server in { @Sendable scopes in server.scopeChallenge(scopes) } },
        configuration: HTTPTransportConfiguration(
            publicURL: configuration.publicURL,
            allowedOrigins: configuration.allowedOrigins,
            bindsLoopback: configuration.bindsLoopbackOnly,
            maxBodyBytes: configuration.maxBodyBytes,
            keepAliveInterval: configuration.keepAliveInterval,
            maxInFlightPerSession: configuration.limits.maxInFlightPerSession
        ),
        limiter: limiter,
        fleet: core.storage.fleetBus,
        fleetObserver: metrics,
        logger: logger
    )
}

/// The main router: trace, client address, metrics, Host, CORS, compression and OAuth quotas,
/// then the MCP, OAuth and health routes (`/metrics` is added by `buildMetricsListener`).
func buildRouter(_ configuration: ServerConfiguration, services: ServerServices, logger: Logger) -> Router<ServerRequestContext> {
    let (core, metrics, limiter, mcp) = (services.core, services.metrics, services.limiter, services.mcp)
    let oauth = core.oauth
    let router = Router(context: ServerRequestContext.self)
    router.add(middleware: RequestTraceMiddleware())
    router.add(middleware: ClientAddressMiddleware(proxies: configuration.proxies))
    if let metrics { router.add(middleware: HTTPMetricsMiddleware(metrics: metrics)) }
    router.add(middleware: HostValidationMiddleware(policy: configuration.hostPolicy))
    router.add(middleware: CORSMiddleware(origins: mcp.configuration.origins))
    if let minimumBytes = configuration.compressionMinimumBytes { router.add(middleware: CompressionMiddleware(minimumBytes: minimumBytes)) }
    if let limiter, oauth != nil { router.add(middleware: OAuthRateLimitMiddleware(limiter: limiter)) }
    if oauth != nil { router.add(middleware: RegistrationQuotaMiddleware(perHour: configuration.limits.registrationsPerHour)) }
    mcp.addRoutes(to: router)
    if let oauth {
        metrics?.registerOAuthSeries()
        oauth.addRoutes(
            to: router,
            configuration: configuration,
            discogs: core.discogs,
            sessions: services.sessions,
            listChanges: core.dispatcher.listChanges,
            observer: metrics,
            logger: logger
        )
    }
    HealthRoutes(storage: core.storage, startedAt: core.startedAt, backgroundRunning: { await mcp.isRunning }).addRoutes(to: router)
    return router
}

/// `/metrics` on its own listener when `DISCOGS_MCP_METRICS_PORT` is set (returned), else on the
/// main router (nil); nothing when metrics are off.
func buildMetricsListener(
    _ configuration: ServerConfiguration,
    endpoint: MetricsEndpoint?,
    mainRouter: Router<ServerRequestContext>,
    logger: Logger
) -> Application<RouterResponder<ServerRequestContext>>? {
    guard let endpoint else { return nil }
    guard let metricsPort = configuration.metricsPort else {
        endpoint.addRoutes(to: mainRouter)
        return nil
    }
    let metricsRouter = Router(context: ServerRequestContext.self)
    // No Host check here: scrapers address a dedicated listener by IP, and it serves nothing secret.
    endpoint.addRoutes(to: metricsRouter)
    return Application(
        router: metricsRouter,
        configuration: .init(address: .hostname(configuration.host, port: metricsPort), serverName: ServerConfiguration.name),
        logger: logger
    )
}

/// Gives memory freed by bursts of closed streams back to the system; checked every second.
func heapTrimService(_ metrics: ServerMetrics?, logger: Logger) -> HeapTrimService<ContinuousClock> {
    let trimmer = HeapTrimmer(heap: GlibcHeap(), policy: HeapTrimmer.defaultPolicy, metrics: metrics, logger: logger)
    return HeapTrimService(trimmer: trimmer, interval: .seconds(1), clock: ContinuousClock())
}

/// The main application on the configured address (inside TLS when configured) with its
/// background services: the Discogs backend, the collection refresher, the transports, the purge
/// and the certificate reloader.
func buildHTTPApplication(
    _ configuration: ServerConfiguration,
    router: Router<ServerRequestContext>,
    services: ServerServices,
    onServerRunning: @escaping @Sendable (Int) async -> Void,
    logger: Logger
) throws -> Application<RouterResponder<ServerRequestContext>> {
    let core = services.core
    let oauth = core.oauth
    let purge = PurgeService(
        purger: Purger(vault: oauth?.vault, cache: core.storage.cache, metrics: services.metrics, logger: logger),
        interval: configuration.limits.purgeInterval,
        clock: ContinuousClock()
    )
    let tls = try configuration.tls.map { files throws(ConfigurationError) in TLSCertificateStore(try TLSIdentity.load(files)) }
    var app = Application(
        router: router,
        server: try configuration.httpServer(tls: tls),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: ServerConfiguration.name),
        services: [DiscogsBackendService(client: core.discogs, backend: core.backend, documents: oauth?.documents, logger: logger)]
            + (configuration.collectionRefreshInterval.map { [CollectionRefreshService(index: core.index, interval: $0)] } ?? [])
            + [services.mcp, purge, TLSReloadService(store: tls, logger: logger), heapTrimService(services.metrics, logger: logger)],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger
    )
    let storage = core.storage
    let mcp = services.mcp
    app.beforeServerStarts {
        await mcp.joinFleet()
        logger.info(
            "discogs-mcp listening",
            metadata: [
                "url": "\(configuration.publicURL.absoluteString)",
                "discogs_mode": "\(configuration.discogsMode)",
                "database": "\(storage.location)",
                "database_engine": "\(storage.engineName)",
            ]
        )
    }
    return app
}
