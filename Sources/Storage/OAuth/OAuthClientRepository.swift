import Foundation

/// A registered OAuth client (dynamic registration, or a cached metadata document).
public struct OAuthClientRecord: Sendable, Hashable {
    public var clientID: String
    /// SHA-256 hex of the client secret, for confidential clients only.
    public var secretHash: String?
    /// `none`, `client_secret_basic` or `client_secret_post`.
    public var authMethod: String
    public var redirectURIs: [String]
    /// The registered metadata as JSON, echoed back and shown on the consent page.
    public var metadataJSON: String
    public var createdAt: Date

    public init(clientID: String, secretHash: String?, authMethod: String, redirectURIs: [String], metadataJSON: String, createdAt: Date) {
        self.clientID = clientID
        self.secretHash = secretHash
        self.authMethod = authMethod
        self.redirectURIs = redirectURIs
        self.metadataJSON = metadataJSON
        self.createdAt = createdAt
    }
}

/// Where OAuth clients live; a protocol so another database can back several instances.
public protocol OAuthClientRepository: Sendable {
    func insert(_ client: OAuthClientRecord) async throws
    func find(clientID: String) async throws -> OAuthClientRecord?
    /// Deletes the client and, by cascade, its codes and tokens.
    func delete(clientID: String) async throws
    /// Records that the client was just used (it authenticated at the token endpoint).
    func markUsed(clientID: String, at date: Date) async throws
    /// Deletes clients never used and registered before `neverUsedBefore`, and clients last
    /// used before `unusedSince` (with, by cascade, their codes and tokens); returns how many.
    func purgeUnused(neverUsedBefore: Date, unusedSince: Date) async throws -> Int
}
