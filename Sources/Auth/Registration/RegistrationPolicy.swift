import Foundation

/// Validates and normalizes a dynamic registration (RFC 7591) before anything is stored.
///
/// Registration is unauthenticated, so this is the gate against open redirects and junk:
/// redirect URIs must be https, or http on a loopback host (RFC 8252 native apps), with no
/// fragment and no wildcard; only the code flow and the three client auth methods the MCP
/// SDKs understand are accepted.
public struct RegistrationPolicy: Sendable {
    public static let authMethods = ["none", "client_secret_basic", "client_secret_post"]
    public static let grantTypes = ["authorization_code", "refresh_token"]
    public static let maximumRedirectURIs = 10
    public static let maximumURILength = 2048
    public static let maximumStringLength = 1024

    public let supportedScopes: [String]

    public init(supportedScopes: [String]) {
        self.supportedScopes = supportedScopes
    }

    /// Returns the metadata to store, with defaults filled in, or throws the RFC 7591 error.
    public func validate(_ request: ClientMetadata) throws -> ClientMetadata {
        var metadata = request
        guard let uris = request.redirectURIs, !uris.isEmpty else {
            throw OAuthError.invalidRedirectURI("redirect_uris is required and must not be empty")
        }
        guard uris.count <= Self.maximumRedirectURIs else {
            throw OAuthError.invalidRedirectURI("at most \(Self.maximumRedirectURIs) redirect_uris are accepted")
        }
        for uri in uris { try Self.checkRedirectURI(uri) }

        let method = request.tokenEndpointAuthMethod ?? "client_secret_basic"
        guard Self.authMethods.contains(method) else {
            throw OAuthError.invalidClientMetadata("token_endpoint_auth_method must be one of \(Self.authMethods.joined(separator: ", "))")
        }
        metadata.tokenEndpointAuthMethod = method

        let grants = request.grantTypes ?? ["authorization_code"]
        guard !grants.isEmpty, grants.allSatisfy(Self.grantTypes.contains), grants.contains("authorization_code") else {
            throw OAuthError.invalidClientMetadata("grant_types must include authorization_code and may add refresh_token")
        }
        metadata.grantTypes = grants

        let responses = request.responseTypes ?? ["code"]
        guard responses == ["code"] else { throw OAuthError.invalidClientMetadata("response_types must be [\"code\"]") }
        metadata.responseTypes = responses

        if let application = request.applicationType, !["native", "web"].contains(application) {
            throw OAuthError.invalidClientMetadata("application_type must be native or web")
        }
        metadata.applicationType = request.applicationType ?? "web"

        for value in [
            request.clientName, request.clientURI, request.logoURI, request.tosURI, request.policyURI, request.softwareID, request.softwareVersion,
            request.scope,
        ] {
            if let value, value.count > Self.maximumStringLength {
                throw OAuthError.invalidClientMetadata("metadata strings are limited to \(Self.maximumStringLength) characters")
            }
        }
        if let scope = request.scope {
            // Informational at registration; /authorize enforces the scopes strictly.
            let known = ScopeList.parse(scope).intersection(supportedScopes)
            metadata.scope = known.isEmpty ? nil : ScopeList.format(known)
        }
        return metadata
    }

    /// https anywhere, or http on 127.0.0.1 / [::1] / localhost; no fragment, no wildcard, no userinfo.
    public static func checkRedirectURI(_ uri: String) throws {
        guard uri.count <= maximumURILength else { throw OAuthError.invalidRedirectURI("redirect URI is too long") }
        guard !uri.contains("#") else { throw OAuthError.invalidRedirectURI("redirect URI must not contain a fragment: \(uri)") }
        guard !uri.contains("*") else { throw OAuthError.invalidRedirectURI("redirect URI must not contain a wildcard: \(uri)") }
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
        else {
            throw OAuthError.invalidRedirectURI("redirect URI must be an absolute https URL (or http on a loopback address): \(uri)")
        }
        switch scheme {
        case "https":
            return
        case "http" where isLoopback(host: host):
            return
        case "http":
            throw OAuthError.invalidRedirectURI("http redirect URIs are allowed only on 127.0.0.1, [::1] or localhost: \(uri)")
        default:
            throw OAuthError.invalidRedirectURI("redirect URI scheme \(scheme) is not allowed; use https: \(uri)")
        }
    }

    public static func isLoopback(host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "127.0.0.1" || lowered == "[::1]" || lowered == "::1" || lowered == "localhost"
    }
}
