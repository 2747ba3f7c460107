import Foundation

/// An issued authorization code's binding; the code itself is never stored.
public struct AuthorizationCodeRecord: Sendable, Hashable {
    public var clientID: String
    public var subject: String
    public var redirectURI: String
    public var codeChallenge: String
    public var resource: String
    public var scope: String
    /// The token family its redemption creates, so a replay can revoke what it minted.
    public var familyID: String
    public var createdAt: Date
    public var expiresAt: Date
    public var consumedAt: Date?

    public init(
        clientID: String,
        subject: String,
        redirectURI: String,
        codeChallenge: String,
        resource: String,
        scope: String,
        familyID: String,
        createdAt: Date,
        expiresAt: Date,
        consumedAt: Date? = nil
    ) {
        self.clientID = clientID
        self.subject = subject
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.resource = resource
        self.scope = scope
        self.familyID = familyID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.consumedAt = consumedAt
    }
}

/// Authorization codes keyed by the SHA-256 of the code.
public protocol AuthorizationCodeRepository: Sendable {
    func insert(codeHash: String, _ record: AuthorizationCodeRecord) async throws
    func find(codeHash: String) async throws -> AuthorizationCodeRecord?
    /// Atomically marks the code consumed; nil when no such code exists.
    func consume(codeHash: String, at date: Date) async throws -> SingleUse<AuthorizationCodeRecord>?
    /// Deletes codes that expired before `cutoff` (housekeeping).
    func purgeCodes(expiredBefore cutoff: Date) async throws -> Int
}
