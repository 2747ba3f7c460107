import Auth
import Discogs
import Foundation
import Hummingbird
import Locking
import Logging
import MCP
import Storage
import Tools
import Transports

/// The authorization server's parts, built when users sign in through OAuth (consumer
/// credentials or the sandbox, and no personal token).
struct OAuthServer: Sendable {
    static let scopes = Scope.allCases.map(\.rawValue)

    let vault: TokenVault
    let links: LoginLinks
    let csrf: ConsentCSRF
    let indicator: ResourceIndicator
    let documents: ClientMetadataDocuments?
    /// What the 401 challenge, a scope-less authorization and the login link ask for
    /// (`DISCOGS_MCP_DEFAULT_SCOPES`, by default every scope): Claude requests exactly the
    /// challenge's scope and cannot step up, so the person chooses on the consent page instead (issue 9).
    let defaultScopes: [String]
    let loginStarts: LoginStartLimiter

    static func make(_ configuration: ServerConfiguration, database: Database, secret: ServerSecret) -> OAuthServer {
        make(configuration, repositories: .sqlite(database), secret: secret)
    }

    /// `fleetState`: a fleet's shared state (PostgreSQL), where login links live so that their
    /// pages work on every instance; nil keeps them in memory.
    static func make(
        _ configuration: ServerConfiguration,
        repositories: TokenVault.Repositories,
        secret: ServerSecret,
        fleetState: (any FleetStateRepository)? = nil
    ) -> OAuthServer {
        let indicator = ResourceIndicator(publicBaseURL: configuration.publicURL.absoluteString)
        var documentPolicy = ClientMetadataDocuments.Policy()
        documentPolicy.resolver = configuration.clientMetadataResolver
        let documents = configuration.clientMetadataDocuments ? ClientMetadataDocuments(policy: documentPolicy) : nil
        let vault = TokenVault(
            repositories: repositories,
            box: SecretBox(keyMaterial: secret.value),
            indicator: indicator,
            lifetimes: TokenLifetimes(accessToken: configuration.accessTokenLifetime, refreshToken: configuration.refreshTokenLifetime),
            documents: documents
        )
        let access = configuration.access
        let linkState: any LoginLinkState =
            if let fleetState {
                FleetLoginLinkState(
                    repository: fleetState,
                    box: SecretBox(keyMaterial: secret.value + "/login-links"),
                    logger: Logger(label: "discogs-mcp.login-links")
                )
            } else { MemoryLoginLinkState() }
        return OAuthServer(
            vault: vault,
            links: LoginLinks(
                base: indicator.base,
                scopes: access.defaultScopes.compactMap(Scope.init(rawValue:)),
                lifetime: access.loginLinkLifetime,
                state: linkState
            ),
            csrf: ConsentCSRF(keyMaterial: secret.value + "/consent"),
            indicator: indicator,
            documents: documents,
            defaultScopes: access.defaultScopes,
            loginStarts: LoginStartLimiter(perHour: access.loginStartsPerHour)
        )
    }

    /// The `WWW-Authenticate` of a 403 for a grant that lacks `scopes` on `/mcp` (RFC 6750 §3.1; MCP specification 2025-11-25, "Authorization", scope challenge handling).
    func scopeChallenge(_ scopes: [String]) -> String {
        let metadata = OAuthMetadata.resourceMetadataURL(indicator: indicator, endpointPath: "/mcp")
        return
            "Bearer error=\"insufficient_scope\", scope=\"\(scopes.joined(separator: " "))\", resource_metadata=\"\(metadata)\", error_description=\"this call needs more scopes than the grant holds\""
    }

    func bearer(_ endpointPath: String) -> BearerAuthenticator {
        BearerAuthenticator(vault: vault, indicator: indicator, endpointPath: endpointPath, challengeScope: defaultScopes.joined(separator: " "))
    }

    /// Mounts discovery, registration, authorize + consent, token, revocation, the Discogs callback and the login-link pages.
    func addRoutes(
        to router: Router<ServerRequestContext>,
        configuration: ServerConfiguration,
        discogs: any DiscogsAPI,
        sessions: SessionRegistry,
        listChanges: ListChangeHub,
        observer: (any OAuthObserver)?,
        logger: Logger
    ) {
        var oauth = OAuthRoutes(vault: vault, scopes: Self.scopes)
        oauth.serveOpenIDConfiguration = configuration.openIDConfiguration
        oauth.clientIDMetadataDocumentSupported = documents != nil
        oauth.observer = observer
        oauth.onGrant = { subject in _ = await listChanges.publish(.tools, to: subject) }
        oauth.addRoutes(to: router)
        var login = DiscogsLogin(vault: vault, discogs: discogs, links: links, observer: observer, logger: logger)
        login.allowedUsers = configuration.access.allowedUsers
        var authorize = AuthorizeRoutes(
            validator: AuthorizeValidator(vault: vault, supportedScopes: Self.scopes, defaultScopes: defaultScopes),
            csrf: csrf,
            approval: login
        )
        authorize.observer = observer
        authorize.loginStarts = loginStarts
        authorize.addRoutes(to: router)
        login.addRoutes(to: router)
        var linkRoutes = LoginLinkRoutes(links: links, login: login, csrf: csrf)
        linkRoutes.loginStarts = loginStarts
        linkRoutes.addRoutes(to: router)
        links.setOriginLookup { sessionID in
            let origin = await sessions.origin(of: sessionID)
            return LoginLinks.LinkOrigin(clientName: origin?.clientName, address: origin?.address)
        }
        links.setBinder { sessionID, principal in
            await sessions.rebind(sessionID, to: Caller(principal))
        }
    }
}

/// OAuth users' Discogs accounts: the sealed credentials the login stored under the principal id.
actor VaultAccountResolver: DiscogsAccountResolver, CredentialRefusalHandling {
    let vault: TokenVault
    /// Subjects by lowercased username, learnt from resolved callers, for the index's background refresher.
    private var subjects: [String: String] = [:]

    let logger: Logger

    init(vault: TokenVault, logger: Logger) {
        self.vault = vault
        self.logger = logger
    }

    func account(for caller: Caller) async throws -> DiscogsAccount? {
        guard caller.kind == Principal.Kind.oauth.rawValue, let credential = try await vault.upstream(subject: caller.principalID) else { return nil }
        let username = credential.username ?? caller.displayName ?? ""
        if !username.isEmpty { subjects[username.lowercased()] = caller.principalID }
        return DiscogsAccount(username: username, credential: .oauth(token: credential.token, secret: credential.secret))
    }

    /// Discogs refused this OAuth user's credentials: end their grants and forget the credentials.
    func credentialRefused(for caller: Caller) async -> String? {
        guard caller.kind == Principal.Kind.oauth.rawValue else { return nil }
        do {
            try await vault.endGrants(subject: caller.principalID)
        } catch {
            return
                "Discogs no longer accepts this server's access to your account (it was revoked at Discogs), and ending this sign-in failed; reconnect this server in your MCP client to sign in with Discogs again."
        }
        subjects = subjects.filter { $0.value != caller.principalID }
        return
            "Discogs no longer accepts this server's access to your account (the app was revoked at Discogs or the authorization expired), so this sign-in has been ended. Reconnect this server in your MCP client: it will open the Discogs sign-in again."
    }

    /// Discogs refused the application (its consumer key): the operator must act, users keep their grants.
    func applicationRefused(message: String?) async -> String {
        logger.error(
            "Discogs refuses this server's application (consumer key); no user's grant was ended; check DISCOGS_CONSUMER_KEY and DISCOGS_CONSUMER_SECRET against the app at https://www.discogs.com/settings/developers",
            metadata: ["discogs_message": "\(message ?? "")"]
        )
        return
            "Discogs refuses this server's Discogs application right now (\"\(message ?? "Invalid consumer.")\"), which is a problem on the server's side, not with your account: you stay signed in. Try again later; if it persists, tell the server's operator to check its Discogs consumer key and secret."
    }

    /// The stored credential acting for Discogs user `name`, for the index's background refresher
    /// (also for users who have not called since a restart); nil when the user never signed in.
    func credential(forUsername name: String) async -> DiscogsCredential? {
        if let subject = subjects[name.lowercased()], let credential = try? await vault.upstream(subject: subject) {
            return .oauth(token: credential.token, secret: credential.secret)
        }
        guard let (subject, credential) = try? await vault.upstream(username: name) else { return nil }
        subjects[name.lowercased()] = subject
        return .oauth(token: credential.token, secret: credential.secret)
    }
}

/// Lets `auth_status` hand anonymous SSE sessions their login link, and the dispatcher offer it
/// by URL elicitation.
///
/// A link offered by elicitation is remembered until it expires (on the links' clock), and `auth_status` in that session
/// repeats it: a fresh link would void the one the person may already have open. Sessions never
/// asked by elicitation get a fresh link from every `auth_status`, as before.
final class LoginLinkIssuer: SessionLoginLinkIssuer, SignInLinkIssuer {
    let links: LoginLinks
    private let elicited = Locked<[String: (link: SignInLink, expiresAt: Date)]>([:])

    init(links: LoginLinks) {
        self.links = links
    }

    func loginLink(sessionID: String) async -> (url: String, code: String)? {
        if let offered = elicited.withLock({ $0[sessionID] }), offered.expiresAt > links.clock.date {
            return (offered.link.url, offered.link.code)
        }
        return await links.issue(sessionID: sessionID)
    }

    func signInLink(sessionID: String) async -> SignInLink? {
        let issued = await links.issue(sessionID: sessionID)
        let lifetime = await links.lifetime
        let link = SignInLink(url: issued.url, code: issued.code, lifetime: .seconds(lifetime))
        let now = links.clock.date
        elicited.withLock { offered in
            offered = offered.filter { $0.value.expiresAt > now }
            offered[sessionID] = (link, now.addingTimeInterval(lifetime))
        }
        return link
    }
}
