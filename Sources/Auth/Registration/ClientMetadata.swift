import Foundation

/// RFC 7591 client metadata, as sent to `/register` and echoed back.
///
/// Every field is optional and encoded with `encodeIfPresent` (the synthesized default), so a
/// response never carries `null`: null fields broke the TypeScript SDK's schema in Claude Code.
public struct ClientMetadata: Codable, Sendable, Hashable {
    public var redirectURIs: [String]?
    public var tokenEndpointAuthMethod: String?
    public var grantTypes: [String]?
    public var responseTypes: [String]?
    public var applicationType: String?
    public var clientName: String?
    public var clientURI: String?
    public var logoURI: String?
    public var scope: String?
    public var contacts: [String]?
    public var tosURI: String?
    public var policyURI: String?
    public var softwareID: String?
    public var softwareVersion: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case redirectURIs = "redirect_uris"
        case tokenEndpointAuthMethod = "token_endpoint_auth_method"
        case grantTypes = "grant_types"
        case responseTypes = "response_types"
        case applicationType = "application_type"
        case clientName = "client_name"
        case clientURI = "client_uri"
        case logoURI = "logo_uri"
        case scope
        case contacts
        case tosURI = "tos_uri"
        case policyURI = "policy_uri"
        case softwareID = "software_id"
        case softwareVersion = "software_version"
    }
}

/// The `/register` response: the stored metadata plus the issued identifiers.
public struct ClientRegistrationResponse: Encodable, Sendable {
    public var clientID: String
    public var clientIDIssuedAt: Int
    public var clientSecret: String?
    public var clientSecretExpiresAt: Int?
    public var metadata: ClientMetadata

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case clientIDIssuedAt = "client_id_issued_at"
        case clientSecret = "client_secret"
        case clientSecretExpiresAt = "client_secret_expires_at"
    }

    public func encode(to encoder: any Encoder) throws {
        try metadata.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(clientIDIssuedAt, forKey: .clientIDIssuedAt)
        try container.encodeIfPresent(clientSecret, forKey: .clientSecret)
        try container.encodeIfPresent(clientSecretExpiresAt, forKey: .clientSecretExpiresAt)
    }
}
