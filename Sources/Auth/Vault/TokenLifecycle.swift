import Foundation
import Storage

/// The decisions behind code redemption, refresh rotation and access checks, as pure functions.
///
/// Keeping them free of storage and clocks lets tests walk every transition (fresh, expired,
/// replayed, revoked, wrong client, wrong audience) with fixed dates; the vault only loads
/// records, asks here, and persists the outcome.
public enum TokenLifecycle {
    public enum CodeDecision: Sendable, Hashable {
        case issue
        /// A second redemption: refuse and revoke the family the first one minted.
        case replay(familyID: String)
        case refuse(OAuthError)
    }

    public enum RefreshDecision: Sendable, Hashable {
        /// Rotate: spend the presented token and mint a new pair for `audience` with `scope`.
        case rotate(audience: String, scope: String)
        /// A spent token came back: whoever holds the family may be an attacker, so revoke it all.
        case reuse(familyID: String)
        case refuse(OAuthError)
    }

    public enum AccessDecision: Sendable, Hashable {
        case valid
        case unknown
        case expired
        case revoked
        case wrongAudience
    }

    /// Decides a `grant_type=authorization_code` request; `resource` is already canonicalized (nil when absent).
    public static func redeem(
        _ use: SingleUse<AuthorizationCodeRecord>,
        now: Date,
        clientID: String,
        redirectURI: String?,
        verifier: String?,
        resource: String?
    ) -> CodeDecision {
        let record: AuthorizationCodeRecord
        switch use {
        case .alreadyUsed(let used): return .replay(familyID: used.familyID)
        case .fresh(let fresh): record = fresh
        }
        guard now < record.expiresAt else { return .refuse(.invalidGrant("the authorization code has expired")) }
        guard record.clientID == clientID else { return .refuse(.invalidGrant("the authorization code was issued to another client")) }
        guard redirectURI == record.redirectURI else {
            return .refuse(.invalidGrant("redirect_uri does not match the one used at /authorize"))
        }
        if let resource, resource != record.resource {
            return .refuse(.invalidTarget("resource does not match the one the code was issued for"))
        }
        do {
            try PKCE.verify(verifier: verifier, challenge: record.codeChallenge)
        } catch {
            return .refuse(.invalidGrant(error.description))
        }
        return .issue
    }

    /// Decides a `grant_type=refresh_token` request.
    ///
    /// - Parameters:
    ///   - resource: the canonical requested audience, nil when absent (then the grant's own).
    ///   - requestedScope: the requested scopes, nil when absent (then the grant's own).
    public static func refresh(
        _ use: SingleUse<RefreshTokenRecord>,
        now: Date,
        clientID: String,
        resource: String?,
        requestedScope: Set<String>?,
        indicator: ResourceIndicator
    ) -> RefreshDecision {
        let record: RefreshTokenRecord
        switch use {
        case .alreadyUsed(let used):
            if used.revokedAt != nil { return .refuse(.invalidGrant("the refresh token has been revoked")) }
            return .reuse(familyID: used.familyID)
        case .fresh(let fresh): record = fresh
        }
        guard record.revokedAt == nil else { return .refuse(.invalidGrant("the refresh token has been revoked")) }
        guard record.clientID == clientID else { return .refuse(.invalidGrant("the refresh token was issued to another client")) }
        guard now < record.expiresAt else { return .refuse(.invalidGrant("the refresh token has expired")) }
        let audience = resource ?? record.resource
        guard indicator.audience(record.resource, covers: audience) else {
            return .refuse(.invalidTarget("resource is outside the original grant"))
        }
        let granted = ScopeList.parse(record.scope)
        let scope = requestedScope ?? granted
        guard scope.isSubset(of: granted) else { return .refuse(.invalidScope("requested scope exceeds the original grant")) }
        return .rotate(audience: audience, scope: ScopeList.format(scope))
    }

    /// Decides whether an access token record admits a request at `endpoint` (a canonical resource).
    public static func access(_ record: AccessTokenRecord?, now: Date, endpoint: String, indicator: ResourceIndicator) -> AccessDecision {
        guard let record else { return .unknown }
        if record.revokedAt != nil { return .revoked }
        guard now < record.expiresAt else { return .expired }
        guard indicator.audience(record.resource, covers: endpoint) else { return .wrongAudience }
        return .valid
    }
}
