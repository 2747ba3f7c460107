import Foundation

/// An authorization request that passed validation and consent and awaits the Discogs login.
public struct PendingAuthorizationRecord: Sendable, Hashable {
    public var clientID: String
    public var redirectURI: String
    public var codeChallenge: String
    public var state: String?
    public var resource: String
    public var scope: String
    /// The Discogs request token this login is waiting on (looked up at the callback).
    public var upstreamRequestToken: String?
    /// The request token secret, sealed by `SecretBox`.
    public var upstreamRequestSecret: Data?
    public var createdAt: Date
    public var expiresAt: Date
    public var consumedAt: Date?

    public init(
        clientID: String,
        redirectURI: String,
        codeChallenge: String,
        state: String?,
        resource: String,
        scope: String,
        upstreamRequestToken: String? = nil,
        upstreamRequestSecret: Data? = nil,
        createdAt: Date,
        expiresAt: Date,
        consumedAt: Date? = nil
    ) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.state = state
        self.resource = resource
        self.scope = scope
        self.upstreamRequestToken = upstreamRequestToken
        self.upstreamRequestSecret = upstreamRequestSecret
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.consumedAt = consumedAt
    }
}

/// Pending authorizations keyed by the SHA-256 of their opaque id (the value in the browser's cookie).
public protocol PendingAuthorizationRepository: Sendable {
    func insert(idHash: String, _ record: PendingAuthorizationRecord) async throws
    func find(idHash: String) async throws -> PendingAuthorizationRecord?
    /// Marks the record consumed if it was not yet; returns it only to the first caller.
    func consume(idHash: String, at date: Date) async throws -> PendingAuthorizationRecord?
    /// Deletes pending authorizations that expired before `cutoff` (housekeeping).
    func purge(expiredBefore cutoff: Date) async throws -> Int
}
