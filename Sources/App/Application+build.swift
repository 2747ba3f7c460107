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

/// The parts of a running server that both transports' entry points share.
struct ServerCore: Sendable {
    let configuration: ServerConfiguration
    let storage: ServerStorage
    let secret: ServerSecret
    let dispatcher: Dispatcher
    let principal: Principal
    let startedAt: Date
    let discogs: DiscogsClient
    let backend: DiscogsBackend
    /// The authorization server, when users sign in through OAuth (consumer credentials or the sandbox, no personal token).
    let oauth: OAuthServer?
    let index: CollectionIndex

    /// Opens storage and assembles the dispatcher. Throws a `ConfigurationError` for unusable settings.
    static func make(
        _ configuration: ServerConfiguration,
        transports: [TransportKind],
        backend: DiscogsBackend? = nil,
        storage: ServerStorage? = nil,
        listChanges: ListChangeHub = ListChangeHub(),
        observer: (any DispatchObserver)? = nil,
        discogsObserver: (any DiscogsClientObserver)? = nil,
        syncObserver: (any CollectionSyncObserver)? = nil,
        gate: (any ToolCallGate)? = nil,
        extraTools: [any Tool] = [],
        logger: Logger
    ) throws -> ServerCore {
        let storage = try storage ?? .sqlite(openDatabase(configuration))
        let secret: ServerSecret
        do {
            secret = try ServerSecret.resolve(configured: configuration.secret, dataDirectory: configuration.dataDirectory)
        } catch {
            throw ConfigurationError(setting: "DISCOGS_MCP_SECRET", value: configuration.secret == nil ? "" : "(set)", problem: "\(error)")
        }
        if secret.isGenerated {
            logger.warning("DISCOGS_MCP_SECRET is not set; using the generated secret in the data folder. Set it explicitly in production and keep it stable.")
        }
        warnAboutExposedFiles(configuration, databasePath: storage.sqliteDatabase?.path, logger: logger)
        let backend = backend ?? .direct(configuration.discogs)
        let personalToken = backend.personalToken(forStdio: transports == [.stdio])
        let principal = personalToken.map { Principal.personalToken($0) } ?? .anonymous
        let oauth =
            personalToken == nil && backend.configuration.consumerKey != nil && transports != [.stdio]
            ? OAuthServer.make(configuration, repositories: storage.oauth, secret: secret) : nil
        let client = DiscogsClient(
            configuration: backend.configuration,
            cache: storage.cache,
            observer: discogsObserver,
            imagePolicy: ImageHostPolicy(
                hosts: configuration.imageHosts, trustedOrigins: backend.trustedImageOrigins, vetter: PublicAddressVetter()
            ),
            logger: logger
        )
        let personal = personalToken.map { PersonalAccountResolver(principalID: principal.id, token: $0, api: client) }
        let vaultAccounts = oauth.map { VaultAccountResolver(vault: $0.vault) }
        let accounts: any DiscogsAccountResolver =
            if let personal { personal } else if let vaultAccounts { vaultAccounts } else { FixedAccountResolver([:]) }
        let index = CollectionIndex(
            api: client,
            store: storage.index,
            observer: syncObserver ?? IgnoreCollectionSyncs(),
            credentialProvider: { username in
                if let personal { return await personal.credential(forUsername: username) }
                return await vaultAccounts?.credential(forUsername: username)
            }
        )
        let environment = DiscogsToolEnvironment(
            api: client,
            accounts: accounts,
            publicCredential: backend.configuration.consumerKey == nil ? .none : .application,
            changes: CollectionIndexChangeListener(index: index)
        )
        let startedAt = Date()
        let facts = ServerInfoTool.Facts(
            name: ServerConfiguration.name,
            version: ServerConfiguration.version,
            transports: transports,
            discogsMode: configuration.discogsMode,
            startedAt: startedAt,
            toolsets: configuration.toolsets.sorted().map(\.rawValue)
        )
        let signIn =
            oauth == nil
            ? "The server's operator can set DISCOGS_TOKEN (a Discogs personal access token) for single-user use."
            : "Connect with an MCP client that supports OAuth (the server's /mcp URL is enough): it will open a Discogs sign-in page."
        let identity = ServerIdentity(
            name: ServerConfiguration.name,
            title: "Discogs",
            version: ServerConfiguration.version,
            instructions: "Tools for a person's Discogs account: their collection, wantlist and the Discogs database. Call auth_status to see which account is connected."
        )
        let toolsets = configuration.toolsets
        var discogsTools = DiscogsTools.all(environment: environment) + CollectionTools.all(environment: environment, index: index)
        if let vaultAccounts { discogsTools = CredentialRefusalGuard.guarding(discogsTools, with: vaultAccounts) }
        let catalog =
            publicTools(facts: facts, signInHint: signIn, links: oauth.map { LoginLinkIssuer(links: $0.links) }, accounts: accounts)
            + discogsTools
        let (resources, templates) = DiscogsResources.all(environment: environment, summaries: IndexLibrarySummaries(index: index))
        let dispatcher = Dispatcher(
            identity: identity,
            registry: ToolRegistry(Toolset.filter(catalog, serving: toolsets) + extraTools),
            listChanges: listChanges,
            observer: observer,
            gate: gate,
            resources: ResourceRegistry(
                resources: Toolset.filter(resources, serving: toolsets), templates: Toolset.filter(templates, serving: toolsets)
            ),
            prompts: PromptRegistry(Toolset.filter(DiscogsPrompts.all(), serving: toolsets)),
            completer: IndexCompleter(accounts: accounts, index: index)
        )
        return ServerCore(
            configuration: configuration, storage: storage, secret: secret, dispatcher: dispatcher, principal: principal, startedAt: startedAt,
            discogs: client, backend: backend, oauth: oauth, index: index
        )
    }

    static func publicTools(
        facts: ServerInfoTool.Facts, signInHint: String, links: (any SessionLoginLinkIssuer)? = nil, accounts: (any DiscogsAccountResolver)? = nil
    ) -> [any Tool] {
        [PingTool(), ServerInfoTool(facts: facts), AuthStatusTool(signInHint: signInHint, links: links, accounts: accounts)]
    }

    /// Names each existing data file or folder other users may read: what this server creates is
    /// private, but a folder or file from an older version, a copy or a restore may not be.
    /// A warning, not a refusal or a chmod: the operator may share the folder on purpose.
    static func warnAboutExposedFiles(_ configuration: ServerConfiguration, databasePath: String?, logger: Logger) {
        let paths = [configuration.dataDirectory] + (databasePath.map(PrivateFiles.databaseFiles) ?? [])
            + [ServerSecret.filePath(dataDirectory: configuration.dataDirectory)]
        for (path, mode) in PrivateFiles.exposed(paths) {
            logger.warning(
                "\(path) is readable by other users of this machine (mode \(String(mode, radix: 8))); it holds the server's data: chmod \(path == configuration.dataDirectory ? "700" : "600") it",
                metadata: ["path": "\(path)", "mode": "\(String(mode, radix: 8))"]
            )
        }
    }

    static func openDatabase(_ configuration: ServerConfiguration) throws -> Database {
        do {
            return try Database(path: configuration.databasePath)
        } catch {
            throw ConfigurationError(setting: "DISCOGS_MCP_DATABASE", value: configuration.databasePath, problem: "cannot be opened: \(error)")
        }
    }
}

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

/// Builds the HTTP application: every route, the MCP transports and their background services.
func buildApplication(_ configuration: ServerConfiguration, dependencies: AppDependencies) throws -> BuiltServer {
    let logger = dependencies.logger
    try checkSingleUserExposure(configuration)
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
        logger: logger
    )
    let fixed: any Authenticator =
        if let key = configuration.access.accessKey { AccessKeyAuthenticator(key: key, principal: core.principal) } else {
            FixedPrincipalAuthenticator(principal: core.principal)
        }
    let oauth = core.oauth
    let mcp = MCPHTTPServer(
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
        logger: logger
    )
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
            to: router, configuration: configuration, discogs: core.discogs, sessions: sessions, listChanges: core.dispatcher.listChanges,
            observer: metrics, logger: logger
        )
    }
    HealthRoutes(storage: core.storage, startedAt: core.startedAt, backgroundRunning: { await mcp.isRunning }).addRoutes(to: router)
    let metricsEndpoint = metrics.map { metrics in
        MetricsEndpoint(
            registry: dependencies.metricsRegistry,
            metrics: metrics,
            sessions: sessions,
            heartbeat: mcp.heartbeat,
            discogs: core.discogs,
            startedAt: core.startedAt,
            token: configuration.metricsToken,
            requireLoopbackOrToken: configuration.metricsPort == nil,
            loopbackSuffices: configuration.metricsTrustsLoopback,
            storage: core.storage
        )
    }
    var metricsApplication: Application<RouterResponder<ServerRequestContext>>?
    if let metricsEndpoint, let metricsPort = configuration.metricsPort {
        let metricsRouter = Router(context: ServerRequestContext.self)
        // No Host check here: scrapers address a dedicated listener by IP, and it serves nothing secret.
        metricsEndpoint.addRoutes(to: metricsRouter)
        metricsApplication = Application(
            router: metricsRouter,
            configuration: .init(address: .hostname(configuration.host, port: metricsPort), serverName: ServerConfiguration.name),
            logger: logger
        )
    } else {
        metricsEndpoint?.addRoutes(to: router)
    }
    let onServerRunning = dependencies.onServerRunning
    let purge = PurgeService(
        purger: Purger(vault: oauth?.vault, cache: core.storage.cache, metrics: metrics, logger: logger),
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
            + [mcp, purge, TLSReloadService(store: tls, logger: logger)],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger
    )
    let storage = core.storage
    app.beforeServerStarts {
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
    return BuiltServer(application: app, metricsApplication: metricsApplication, storage: core.storage, sessions: sessions, secret: core.secret)
}
