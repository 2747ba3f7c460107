import Foundation

/// RFC 9728 protected resource metadata.
public struct ProtectedResourceMetadata: Codable, Sendable, Hashable {
    public var resource: String
    public var authorizationServers: [String]
    public var scopesSupported: [String]
    public var bearerMethodsSupported: [String]
    public var resourceName: String?

    enum CodingKeys: String, CodingKey {
        case resource
        case authorizationServers = "authorization_servers"
        case scopesSupported = "scopes_supported"
        case bearerMethodsSupported = "bearer_methods_supported"
        case resourceName = "resource_name"
    }
}

/// RFC 8414 authorization server metadata, with the fields issue 4 lists.
public struct AuthorizationServerMetadata: Codable, Sendable, Hashable {
    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var registrationEndpoint: String
    public var revocationEndpoint: String
    public var responseTypesSupported: [String]
    public var grantTypesSupported: [String]
    public var codeChallengeMethodsSupported: [String]
    public var tokenEndpointAuthMethodsSupported: [String]
    public var scopesSupported: [String]
    public var authorizationResponseIssParameterSupported: Bool
    public var clientIDMetadataDocumentSupported: Bool

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case registrationEndpoint = "registration_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case responseTypesSupported = "response_types_supported"
        case grantTypesSupported = "grant_types_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case scopesSupported = "scopes_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
        case clientIDMetadataDocumentSupported = "client_id_metadata_document_supported"
    }
}

/// Builds the discovery documents from the public base URL.
///
/// The issuer is the base URL without a trailing slash, and it is the very string placed in
/// every `authorization_servers`: clients compare the two byte for byte.
public enum OAuthMetadata {
    public static func authorizationServer(
        indicator: ResourceIndicator,
        scopes: [String],
        clientIDMetadataDocumentSupported: Bool
    ) -> AuthorizationServerMetadata {
        let base = indicator.base
        return AuthorizationServerMetadata(
            issuer: base,
            authorizationEndpoint: base + "/authorize",
            tokenEndpoint: base + "/token",
            registrationEndpoint: base + "/register",
            revocationEndpoint: base + "/revoke",
            responseTypesSupported: ["code"],
            grantTypesSupported: ["authorization_code", "refresh_token"],
            codeChallengeMethodsSupported: ["S256"],
            tokenEndpointAuthMethodsSupported: RegistrationPolicy.authMethods,
            scopesSupported: scopes,
            authorizationResponseIssParameterSupported: true,
            clientIDMetadataDocumentSupported: clientIDMetadataDocumentSupported
        )
    }

    /// - Parameter endpointPath: `nil` for the root document, `/mcp` or `/sse` for the path-aware ones.
    public static func protectedResource(indicator: ResourceIndicator, endpointPath: String?, scopes: [String]) -> ProtectedResourceMetadata {
        ProtectedResourceMetadata(
            resource: endpointPath.map(indicator.resource(forEndpointPath:)) ?? indicator.base,
            authorizationServers: [indicator.base],
            scopesSupported: scopes,
            bearerMethodsSupported: ["header"],
            resourceName: "Discogs MCP"
        )
    }

    /// The `resource_metadata` URL a 401/403 on `endpointPath` should point to (RFC 9728 §5.1).
    public static func resourceMetadataURL(indicator: ResourceIndicator, endpointPath: String) -> String {
        indicator.base + "/.well-known/oauth-protected-resource" + endpointPath
    }
}
