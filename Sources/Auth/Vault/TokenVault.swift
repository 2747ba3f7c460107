import Foundation
import Storage

/// The authorization server's memory: clients, codes, access and refresh tokens, Discogs credentials.
///
/// An actor so that check-then-act sequences (redeem, rotate) run one at a time in this
/// process; the repositories make the single-use steps atomic in the database as well, so a
/// second instance on the same database cannot double-spend either. Values are handed out
/// once and only their SHA-256 digests are kept; Discogs credentials are sealed with `SecretBox`.
public actor TokenVault {
    public struct Repositories: Sendable {
        public var clients: any OAuthClientRepository
        public var codes: any AuthorizationCodeRepository
        public var tokens: any TokenRepository
        public var pending: any PendingAuthorizationRepository
        public var upstream: any UpstreamCredentialRepository
        public var grants: any SubjectGrantRepository

        public init(
            clients: any OAuthClientRepository,
            codes: any AuthorizationCodeRepository,
            tokens: any TokenRepository,
            pending: any PendingAuthorizationRepository,
            upstream: any UpstreamCredentialRepository,
            grants: any SubjectGrantRepository
        ) {
            self.clients = clients
            self.codes = codes
            self.tokens = tokens
            self.pending = pending
            self.upstream = upstream
            self.grants = grants
        }

        /// All six backed by one SQLite database.
        public static func sqlite(_ database: Database) -> Repositories {
            let store = SQLiteOAuthStore(database: database)
            return Repositories(clients: store, codes: store, tokens: store, pending: store, upstream: store, grants: store)
        }
    }

    public static let accessPrefix = "at_"
    public static let refreshPrefix = "rt_"
    public static let codePrefix = "ac_"
    public static let pendingPrefix = "pa_"

    let repositories: Repositories
    let box: SecretBox
    public nonisolated let indicator: ResourceIndicator
    public nonisolated let lifetimes: TokenLifetimes
    /// Dates every issued, spent and expiring row; tests move it by hand.
    let clock: ServerClock
    var documents: ClientMetadataDocuments?
    /// Discogs usernames by subject (not secret), so bearer checks can name the user without unsealing.
    var usernames: [String: String] = [:]

    public init(
        repositories: Repositories,
        box: SecretBox,
        indicator: ResourceIndicator,
        lifetimes: TokenLifetimes = TokenLifetimes(),
        documents: ClientMetadataDocuments? = nil,
        clock: ServerClock = .continuous
    ) {
        self.documents = documents
        self.repositories = repositories
        self.box = box
        self.indicator = indicator
        self.lifetimes = lifetimes
        self.clock = clock
    }

    /// The vault's wall-clock date now.
    func now() -> Date { clock.date }

    // MARK: Codes

    /// Mints a single-use authorization code bound to everything `/authorize` validated.
    public func issueCode(_ binding: CodeBinding) async throws -> String {
        let code = OpaqueToken.generate(prefix: Self.codePrefix)
        let issuedAt = now()
        let record = AuthorizationCodeRecord(
            clientID: binding.clientID,
            subject: binding.subject,
            redirectURI: binding.redirectURI,
            codeChallenge: binding.codeChallenge,
            resource: binding.resource,
            scope: binding.scope,
            familyID: OpaqueToken.generate(prefix: "fam_"),
            createdAt: issuedAt,
            expiresAt: issuedAt.addingTimeInterval(lifetimes.authorizationCode)
        )
        try await repositories.codes.insert(codeHash: OpaqueToken.digest(code), record)
        return code
    }

    /// `grant_type=authorization_code` for an already authenticated client.
    ///
    /// - Parameter resource: the raw `resource` parameter, if sent.
    public func exchangeCode(
        _ code: String,
        clientID: String,
        redirectURI: String?,
        verifier: String?,
        resource: String?
    ) async throws -> IssuedTokens {
        let audience = try canonical(resource)
        guard OpaqueToken.isWellFormed(code, prefix: Self.codePrefix),
            let use = try await repositories.codes.consume(codeHash: OpaqueToken.digest(code), at: now())
        else { throw OAuthError.invalidGrant("unknown authorization code") }
        switch TokenLifecycle.redeem(use, now: now(), clientID: clientID, redirectURI: redirectURI, verifier: verifier, resource: audience) {
        case .replay(let familyID):
            try await repositories.tokens.revokeFamily(familyID, at: now())
            throw OAuthError.invalidGrant("the authorization code was already used; tokens issued from it are revoked")
        case .refuse(let error):
            throw error
        case .issue:
            guard case .fresh(let record) = use else { throw OAuthError.serverError("inconsistent code state") }
            return try await mint(
                familyID: record.familyID,
                clientID: record.clientID,
                subject: record.subject,
                audience: record.resource,
                grantResource: record.resource,
                scope: record.scope
            )
        }
    }

    // MARK: Refresh

    /// `grant_type=refresh_token`: rotates the token; a spent one revokes its whole family.
    public func refresh(_ token: String, clientID: String, resource: String?, scope: String?) async throws -> IssuedTokens {
        let audience = try canonical(resource)
        let hash = OpaqueToken.digest(token)
        guard OpaqueToken.isWellFormed(token, prefix: Self.refreshPrefix), let record = try await repositories.tokens.findRefresh(hash: hash) else {
            throw OAuthError.invalidGrant("unknown refresh token")
        }
        let requested = scope.map(ScopeList.parse)
        let use: SingleUse<RefreshTokenRecord> = record.usedAt == nil ? .fresh(record) : .alreadyUsed(record)
        switch TokenLifecycle.refresh(use, now: now(), clientID: clientID, resource: audience, requestedScope: requested, indicator: indicator) {
        case .reuse(let familyID):
            try await repositories.tokens.revokeFamily(familyID, at: now())
            throw OAuthError.invalidGrant("the refresh token was already used; every token of this grant is revoked")
        case .refuse(let error):
            throw error
        case .rotate(let newAudience, let newScope):
            // One transaction spends the old token and stores its successors (issue 10.4: a crash
            // leaves the old token live or the new pair issued, never neither).
            let (tokens, rows) = successors(
                familyID: record.familyID,
                clientID: record.clientID,
                subject: record.subject,
                audience: newAudience,
                grantResource: record.resource,
                scope: newScope
            )
            guard case .fresh = try await repositories.tokens.rotateRefresh(hash: hash, at: now(), successors: rows) else {
                try await repositories.tokens.revokeFamily(record.familyID, at: now())
                throw OAuthError.invalidGrant("the refresh token was already used; every token of this grant is revoked")
            }
            return tokens
        }
    }

    // MARK: Access

    /// Checks a bearer token for the endpoint whose canonical resource is `endpoint`.
    public func validate(accessToken: String, endpoint: String) async throws -> AccessValidation {
        guard OpaqueToken.isWellFormed(accessToken, prefix: Self.accessPrefix) else { return .invalid(.unknown) }
        let record = try await repositories.tokens.findAccess(hash: OpaqueToken.digest(accessToken))
        let decision = TokenLifecycle.access(record, now: now(), endpoint: endpoint, indicator: indicator)
        guard decision == .valid, let record else { return .invalid(decision) }
        var grant = AccessGrant(
            subject: record.subject,
            clientID: record.clientID,
            scopes: ScopeList.parse(record.scope),
            resource: record.resource,
            expiresAt: record.expiresAt
        )
        grant.username = try await username(subject: record.subject)
        return .valid(grant)
    }

    /// RFC 7009: revokes the grant (family) behind an access or refresh token.
    ///
    /// Unknown tokens and tokens of another client are ignored, as the RFC requires the endpoint
    /// to answer 200 either way and not reveal which tokens exist.
    /// When that was the user's last grant, their stored Discogs credentials go too: nothing may act
    /// for a user who has disconnected every client.
    public func revoke(_ token: String, clientID: String) async throws {
        let hash = OpaqueToken.digest(token)
        let subject: String
        if let refresh = try await repositories.tokens.findRefresh(hash: hash), refresh.clientID == clientID {
            try await repositories.tokens.revokeFamily(refresh.familyID, at: now())
            subject = refresh.subject
        } else if let access = try await repositories.tokens.findAccess(hash: hash), access.clientID == clientID {
            try await repositories.tokens.revokeFamily(access.familyID, at: now())
            subject = access.subject
        } else {
            return
        }
        if try await !repositories.grants.hasLiveGrant(subject: subject, at: now()) {
            try await deleteUpstream(subject: subject)
        }
    }

    /// Ends every grant of `subject` and forgets their Discogs credentials: Discogs refused those
    /// credentials (the user revoked this app there), so no grant of theirs can work again until they
    /// reconnect, and their clients should learn it from a 401 `invalid_token` at once.
    public func endGrants(subject: String) async throws {
        try await repositories.grants.revokeSubject(subject, at: now())
        try await deleteUpstream(subject: subject)
    }

    /// Deletes expired codes, pending logins and tokens; returns how many rows went.
    ///
    /// A rotated refresh token stays until its own expiry so that its reuse is still detected.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let cutoff = now()
        let pending = try await repositories.pending.purge(expiredBefore: cutoff)
        let codes = try await repositories.codes.purgeCodes(expiredBefore: cutoff)
        return try await pending + codes + repositories.tokens.purgeTokens(expiredBefore: cutoff)
    }

    // MARK: Helpers

    func canonical(_ resource: String?) throws -> String? {
        guard let resource else { return nil }
        guard let canonical = indicator.canonicalize(resource) else {
            throw OAuthError.invalidTarget("resource must be one of \(indicator.all.joined(separator: ", "))")
        }
        return canonical
    }

    private func mint(
        familyID: String,
        clientID: String,
        subject: String,
        audience: String,
        grantResource: String,
        scope: String
    ) async throws
        -> IssuedTokens
    {
        let (tokens, rows) = successors(
            familyID: familyID,
            clientID: clientID,
            subject: subject,
            audience: audience,
            grantResource: grantResource,
            scope: scope
        )
        try await repositories.tokens.insertTokens(rows)
        return tokens
    }

    /// A fresh access and refresh token of the family, and the rows that store their digests.
    private func successors(
        familyID: String,
        clientID: String,
        subject: String,
        audience: String,
        grantResource: String,
        scope: String
    )
        -> (IssuedTokens, IssuedTokenRows)
    {
        let issuedAt = now()
        let access = OpaqueToken.generate(prefix: Self.accessPrefix)
        let refresh = OpaqueToken.generate(prefix: Self.refreshPrefix)
        let rows = IssuedTokenRows(
            accessHash: OpaqueToken.digest(access),
            access: AccessTokenRecord(
                familyID: familyID,
                clientID: clientID,
                subject: subject,
                resource: audience,
                scope: scope,
                createdAt: issuedAt,
                expiresAt: issuedAt.addingTimeInterval(lifetimes.accessToken)
            ),
            refreshHash: OpaqueToken.digest(refresh),
            refresh: RefreshTokenRecord(
                familyID: familyID,
                clientID: clientID,
                subject: subject,
                resource: grantResource,
                scope: scope,
                createdAt: issuedAt,
                expiresAt: issuedAt.addingTimeInterval(lifetimes.refreshToken)
            )
        )
        let tokens = IssuedTokens(
            accessToken: access,
            refreshToken: refresh,
            expiresIn: Int(lifetimes.accessToken),
            scope: scope,
            resource: audience,
            subject: subject
        )
        return (tokens, rows)
    }
}
