import Foundation

/// A user's Discogs OAuth 1.0a credentials, sealed by `SecretBox`.
public struct UpstreamCredentialRecord: Sendable, Hashable {
    public var subject: String
    public var discogsUserID: Int?
    public var username: String?
    public var sealedToken: Data
    public var sealedSecret: Data
    public var updatedAt: Date

    public init(subject: String, discogsUserID: Int?, username: String?, sealedToken: Data, sealedSecret: Data, updatedAt: Date) {
        self.subject = subject
        self.discogsUserID = discogsUserID
        self.username = username
        self.sealedToken = sealedToken
        self.sealedSecret = sealedSecret
        self.updatedAt = updatedAt
    }
}

/// Upstream credentials keyed by the MCP subject they belong to.
public protocol UpstreamCredentialRepository: Sendable {
    func upsert(_ record: UpstreamCredentialRecord) async throws
    func find(subject: String) async throws -> UpstreamCredentialRecord?
    /// The subject whose stored credentials act for Discogs user `username` (compared case-insensitively).
    func subject(forUsername username: String) async throws -> String?
    func delete(subject: String) async throws
}
