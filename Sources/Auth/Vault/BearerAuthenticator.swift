import Foundation

/// Authenticates `Authorization: Bearer` against the vault for one protected endpoint.
///
/// One instance per endpoint, because the audience check and the `resource_metadata` URL in
/// the challenge both depend on which endpoint was called (RFC 9728 §3.1 and §5.1, RFC 6750 §3).
public struct BearerAuthenticator: Authenticator {
    public let vault: TokenVault
    /// `/mcp` or `/sse` (use `/sse` for `/messages` too).
    public let endpointPath: String
    /// The scope named in challenges to clients without a token.
    public let challengeScope: String
    private let endpoint: String
    private let metadataURL: String

    public init(vault: TokenVault, indicator: ResourceIndicator, endpointPath: String, challengeScope: String) {
        self.vault = vault
        self.endpointPath = endpointPath
        self.challengeScope = challengeScope
        self.endpoint = indicator.resource(forEndpointPath: endpointPath)
        self.metadataURL = OAuthMetadata.resourceMetadataURL(indicator: indicator, endpointPath: endpointPath)
    }

    public func authenticate(authorization: String?) async -> Authentication {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            // RFC 6750 §3.1: no error code when no credentials were sent.
            return .challenge(
                wwwAuthenticate: "Bearer resource_metadata=\"\(metadataURL)\", scope=\"\(challengeScope)\"",
                reason: "missing bearer token"
            )
        }
        let token = authorization.dropFirst(7).trimmingCharacters(in: .whitespaces)
        let reason: String
        do {
            switch try await vault.validate(accessToken: token, endpoint: endpoint) {
            case .valid(let grant):
                let scopes = Set(grant.scopes.compactMap(Scope.init(rawValue:)))
                return .authenticated(Principal(id: grant.subject, kind: .oauth, displayName: grant.username, scopes: scopes))
            case .invalid(let decision):
                switch decision {
                case .expired: reason = "the access token has expired"
                case .revoked: reason = "the access token has been revoked"
                case .wrongAudience: reason = "the access token was issued for another resource"
                case .unknown, .valid: reason = "the access token is not recognised"
                }
            }
        } catch {
            reason = "the access token could not be checked"
        }
        return .challenge(
            wwwAuthenticate:
                "Bearer error=\"invalid_token\", error_description=\"\(reason)\", resource_metadata=\"\(metadataURL)\", scope=\"\(challengeScope)\"",
            reason: reason
        )
    }
}
