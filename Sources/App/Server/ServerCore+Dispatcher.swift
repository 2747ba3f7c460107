import Auth
import Discogs
import Foundation
import Logging
import MCP
import Storage
import Tools
import Transports

/// The dispatcher's assembly and the start-up checks of `ServerCore.make`.
extension ServerCore {
    /// The dispatcher over the served toolsets: public tools, Discogs tools, resources, prompts and completions.
    static func makeDispatcher(
        _ configuration: ServerConfiguration,
        transports: [TransportKind],
        startedAt: Date,
        backend: DiscogsBackend,
        client: DiscogsClient,
        accounts: Accounts,
        oauth: OAuthServer?,
        index: CollectionIndex,
        subscriptions: ResourceSubscriptions? = nil,
        hooks: Hooks
    ) -> Dispatcher {
        let environment = DiscogsToolEnvironment(
            api: client,
            accounts: accounts.resolver,
            publicCredential: backend.configuration.consumerKey == nil ? .none : .application,
            changes: CollectionIndexChangeListener(index: index)
        )
        let toolsets = configuration.toolsets
        var discogsTools = DiscogsTools.all(environment: environment) + CollectionTools.all(environment: environment, index: index)
        if let vault = accounts.vault { discogsTools = CredentialRefusalGuard.guarding(discogsTools, with: vault) }
        let links = oauth.map { LoginLinkIssuer(links: $0.links) }
        let catalog =
            publicTools(
                facts: facts(configuration, transports: transports, startedAt: startedAt),
                signInHint: signInHint(oauth: oauth),
                links: links,
                accounts: accounts.resolver
            )
            + discogsTools
        let (resources, templates) = DiscogsResources.all(environment: environment, summaries: IndexLibrarySummaries(index: index))
        return Dispatcher(
            identity: identity,
            registry: ToolRegistry(Toolset.filter(catalog, serving: toolsets) + hooks.extraTools),
            listChanges: hooks.listChanges,
            observer: hooks.observer,
            gate: hooks.gate,
            resources: ResourceRegistry(
                resources: Toolset.filter(resources, serving: toolsets),
                templates: Toolset.filter(templates, serving: toolsets)
            ),
            prompts: PromptRegistry(Toolset.filter(DiscogsPrompts.all(), serving: toolsets)),
            completer: IndexCompleter(accounts: accounts.resolver, index: index),
            subscriptions: subscriptions,
            signIn: links.map { SignInElicitation(issuer: $0, clock: $0.links.clock) },
            log: protocolLog(Logger(label: "discogs-mcp.mcp"))
        )
    }

    /// Protocol events worth a line (a client's answer that nobody waits for), at info level.
    static func protocolLog(_ logger: Logger) -> @Sendable (String, [String: String]) -> Void {
        { event, metadata in logger.info("\(event)", metadata: metadata.mapValues { .string($0) }) }
    }

    /// What `server_info` reports.
    static func facts(_ configuration: ServerConfiguration, transports: [TransportKind], startedAt: Date) -> ServerInfoTool.Facts {
        ServerInfoTool.Facts(
            name: ServerConfiguration.name,
            version: ServerConfiguration.version,
            transports: transports,
            discogsMode: configuration.discogsMode,
            startedAt: startedAt,
            toolsets: configuration.toolsets.sorted().map(\.rawValue)
        )
    }

    /// How `auth_status` tells an anonymous caller to sign in.
    static func signInHint(oauth: OAuthServer?) -> String {
        oauth == nil
            ? "The server's operator can set DISCOGS_TOKEN (a Discogs personal access token) for single-user use."
            : "Connect with an MCP client that supports OAuth (the server's /mcp URL is enough): it will open a Discogs sign-in page."
    }

    /// The server's name, version and instructions in the `initialize` answer.
    static let identity = ServerIdentity(
        name: ServerConfiguration.name,
        title: "Discogs",
        version: ServerConfiguration.version,
        instructions:
            "Tools for a person's Discogs account: their collection, wantlist and the Discogs database. Call auth_status to see which account is connected."
    )

    static func publicTools(
        facts: ServerInfoTool.Facts,
        signInHint: String,
        links: (any SessionLoginLinkIssuer)? = nil,
        accounts: (any DiscogsAccountResolver)? = nil
    ) -> [any Tool] {
        [PingTool(), ServerInfoTool(facts: facts), AuthStatusTool(signInHint: signInHint, links: links, accounts: accounts)]
    }

    /// Names each existing data file or folder other users may read: what this server creates is
    /// private, but a folder or file from an older version, a copy or a restore may not be.
    /// A warning, not a refusal or a chmod: the operator may share the folder on purpose.
    static func warnAboutExposedFiles(_ configuration: ServerConfiguration, databasePath: String?, logger: Logger) {
        let paths =
            [configuration.dataDirectory] + (databasePath.map(PrivateFiles.databaseFiles) ?? [])
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
