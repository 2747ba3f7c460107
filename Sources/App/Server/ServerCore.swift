import Auth
import Discogs
import Foundation
import Logging
import MCP
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

    /// The observers and extras a composition root hands to `make`; all optional.
    struct Hooks {
        var listChanges = ListChangeHub()
        var observer: (any DispatchObserver)?
        var discogsObserver: (any DiscogsClientObserver)?
        var syncObserver: (any CollectionSyncObserver)?
        var gate: (any ToolCallGate)?
        var extraTools: [any Tool] = []
    }

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
        let hooks = Hooks(
            listChanges: listChanges,
            observer: observer,
            discogsObserver: discogsObserver,
            syncObserver: syncObserver,
            gate: gate,
            extraTools: extraTools
        )
        return try assemble(configuration, transports: transports, backend: backend, storage: storage, hooks: hooks, logger: logger)
    }

    /// `make`'s steps in order: storage, secret, Discogs backend and client, accounts, index, dispatcher.
    static func assemble(
        _ configuration: ServerConfiguration,
        transports: [TransportKind],
        backend: DiscogsBackend?,
        storage: ServerStorage?,
        hooks: Hooks,
        logger: Logger
    ) throws -> ServerCore {
        let storage = try storage ?? .sqlite(openDatabase(configuration))
        let secret = try resolveSecret(configuration, logger: logger)
        warnAboutExposedFiles(configuration, databasePath: storage.sqliteDatabase?.path, logger: logger)
        let backend = backend ?? .direct(configuration.discogs)
        let personalToken = backend.personalToken(forStdio: transports == [.stdio])
        let principal = personalToken.map { Principal.personalToken($0) } ?? .anonymous
        let signsInUsers = personalToken == nil && backend.configuration.consumerKey != nil && transports != [.stdio]
        let oauth = signsInUsers ? OAuthServer.make(configuration, repositories: storage.oauth, secret: secret, fleetState: storage.fleetState) : nil
        let client = makeClient(
            configuration,
            backend: backend,
            cache: storage.cache,
            fleetBudget: configuration.discogsBudget == .shared ? storage.requestBudget : nil,
            observer: hooks.discogsObserver,
            logger: logger
        )
        let accounts = Accounts(principal: principal, personalToken: personalToken, oauth: oauth, client: client, logger: logger)
        let subscriptions = makeSubscriptions(accounts: accounts)
        let index = makeIndex(
            client: client,
            store: storage.index,
            accounts: accounts,
            observer: hooks.syncObserver,
            leases: storage.syncLeases,
            subscriptions: subscriptions
        )
        let startedAt = Date()
        let dispatcher = makeDispatcher(
            configuration,
            transports: transports,
            startedAt: startedAt,
            backend: backend,
            client: client,
            accounts: accounts,
            oauth: oauth,
            index: index,
            subscriptions: subscriptions,
            hooks: hooks
        )
        return ServerCore(
            configuration: configuration,
            storage: storage,
            secret: secret,
            dispatcher: dispatcher,
            principal: principal,
            startedAt: startedAt,
            discogs: client,
            backend: backend,
            oauth: oauth,
            index: index
        )
    }

    /// The configured server secret, or the one generated into the data folder (with a warning).
    static func resolveSecret(_ configuration: ServerConfiguration, logger: Logger) throws -> ServerSecret {
        let secret: ServerSecret
        do {
            secret = try ServerSecret.resolve(configured: configuration.secret, dataDirectory: configuration.dataDirectory)
        } catch {
            throw ConfigurationError(setting: "DISCOGS_MCP_SECRET", value: configuration.secret == nil ? "" : "(set)", problem: "\(error)")
        }
        if secret.isGenerated {
            logger.warning(
                "DISCOGS_MCP_SECRET is not set; using the generated secret in the data folder. Set it explicitly in production and keep it stable."
            )
        }
        return secret
    }

    /// The one Discogs client of the process: its cache, its observer and the image-host fence.
    static func makeClient(
        _ configuration: ServerConfiguration,
        backend: DiscogsBackend,
        cache: any ResponseCacheRepository,
        fleetBudget: (any FleetRequestBudget)? = nil,
        observer: (any DiscogsClientObserver)?,
        logger: Logger
    ) -> DiscogsClient {
        DiscogsClient(
            configuration: backend.configuration,
            cache: cache,
            observer: observer,
            imagePolicy: ImageHostPolicy(
                hosts: configuration.imageHosts,
                trustedOrigins: backend.trustedImageOrigins,
                vetter: PublicAddressVetter()
            ),
            fleetBudget: fleetBudget,
            logger: logger
        )
    }

    /// The collection index over the store, syncing with the account credentials `accounts` knows.
    static func makeIndex(
        client: DiscogsClient,
        store: any CollectionIndexStore,
        accounts: Accounts,
        observer: (any CollectionSyncObserver)?,
        leases: (repository: any SyncLeaseRepository, holder: String)? = nil,
        subscriptions: ResourceSubscriptions? = nil
    ) -> CollectionIndex {
        CollectionIndex(
            api: client,
            store: store,
            observer: observer ?? IgnoreCollectionSyncs(),
            credentialProvider: { await accounts.credential(forUsername: $0) },
            leases: leases,
            onChange: { username, list in
                let uri = list == .collection ? DiscogsResources.collectionURI : DiscogsResources.wantlistURI
                await subscriptions?.publish(uri: uri, owner: username)
            }
        )
    }

    /// Subscriptions to `discogs://collection` and `discogs://wantlist`, filed under the caller's
    /// Discogs username (lowercased, as the index announces changes), so a user hears only about
    /// their own lists.
    static func makeSubscriptions(accounts: Accounts) -> ResourceSubscriptions {
        let resolver = accounts.resolver
        return ResourceSubscriptions(subscribableURIs: [DiscogsResources.collectionURI, DiscogsResources.wantlistURI]) { caller in
            (try? await resolver.account(for: caller))?.username.lowercased()
        }
    }

    /// Whose Discogs account a principal acts as: the personal token's, or the vault's accounts of signed-in users.
    struct Accounts: Sendable {
        let personal: PersonalAccountResolver?
        let vault: VaultAccountResolver?

        init(principal: Principal, personalToken: String?, oauth: OAuthServer?, client: DiscogsClient, logger: Logger) {
            personal = personalToken.map { PersonalAccountResolver(principalID: principal.id, token: $0, api: client) }
            vault = oauth.map { VaultAccountResolver(vault: $0.vault, logger: logger) }
        }

        /// The resolver the tools use; nobody's account without either.
        var resolver: any DiscogsAccountResolver {
            if let personal { personal } else if let vault { vault } else { FixedAccountResolver([:]) }
        }

        /// The Discogs credential of `username`, for the collection index's syncs.
        func credential(forUsername username: String) async -> DiscogsCredential? {
            if let personal { return await personal.credential(forUsername: username) }
            return await vault?.credential(forUsername: username)
        }
    }
}
