import Foundation

/// What an access token grants; the token itself is never stored.
public struct AccessTokenRecord: Sendable, Hashable {
    public var familyID: String
    public var clientID: String
    public var subject: String
    /// The audience: the canonical resource URL the token is valid for.
    public var resource: String
    public var scope: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

    public init(
        familyID: String,
        clientID: String,
        subject: String,
        resource: String,
        scope: String,
        createdAt: Date,
        expiresAt: Date,
        revokedAt: Date? = nil
    ) {
        self.familyID = familyID
        self.clientID = clientID
        self.subject = subject
        self.resource = resource
        self.scope = scope
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// A refresh token's grant and rotation state.
public struct RefreshTokenRecord: Sendable, Hashable {
    public var familyID: String
    public var clientID: String
    public var subject: String
    public var resource: String
    public var scope: String
    public var createdAt: Date
    public var expiresAt: Date
    /// Set when rotated; presenting it again is reuse.
    public var usedAt: Date?
    public var revokedAt: Date?

    public init(
        familyID: String,
        clientID: String,
        subject: String,
        resource: String,
        scope: String,
        createdAt: Date,
        expiresAt: Date,
        usedAt: Date? = nil,
        revokedAt: Date? = nil
    ) {
        self.familyID = familyID
        self.clientID = clientID
        self.subject = subject
        self.resource = resource
        self.scope = scope
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
        self.revokedAt = revokedAt
    }
}

/// Access and refresh tokens keyed by SHA-256 digests, grouped in families (one per code redemption).
public protocol TokenRepository: Sendable {
    func insertAccess(hash: String, _ record: AccessTokenRecord) async throws
    func insertRefresh(hash: String, _ record: RefreshTokenRecord) async throws
    func findAccess(hash: String) async throws -> AccessTokenRecord?
    func findRefresh(hash: String) async throws -> RefreshTokenRecord?
    /// Atomically marks a refresh token used (rotated); nil when no such token exists.
    func markRefreshUsed(hash: String, at date: Date) async throws -> SingleUse<RefreshTokenRecord>?
    /// Rotation in one transaction: marks the refresh token `hash` used and inserts its successors,
    /// or (already used) changes nothing; nil when no such token exists. A crash can then leave the
    /// old token live or the new pair issued, never a spent token without successors.
    func rotateRefresh(hash: String, at date: Date, successors: IssuedTokenRows) async throws -> SingleUse<RefreshTokenRecord>?
    /// Inserts an access token and its refresh token together.
    func insertTokens(_ rows: IssuedTokenRows) async throws
    func revokeAccess(hash: String, at date: Date) async throws
    /// Revokes every access and refresh token of the family; returns how many rows changed.
    @discardableResult
    func revokeFamily(_ familyID: String, at date: Date) async throws -> Int
    /// Deletes rows expired before `cutoff` (housekeeping).
    func purgeTokens(expiredBefore cutoff: Date) async throws -> Int
}

/// A user's grants taken together: what ending them all (Discogs revoked the app) and deciding
/// whether any is left (the stored Discogs credentials go with the last) need.
public protocol SubjectGrantRepository: Sendable {
    /// Revokes every access and refresh token of `subject` and spends its unredeemed codes; returns rows changed.
    @discardableResult
    func revokeSubject(_ subject: String, at date: Date) async throws -> Int
    /// Whether `subject` still holds a usable grant: a live access or refresh token, or a code not yet redeemed.
    func hasLiveGrant(subject: String, at date: Date) async throws -> Bool
}

/// The rows of one issuance: an access token and its refresh token, by digest.
public struct IssuedTokenRows: Sendable {
    public var accessHash: String
    public var access: AccessTokenRecord
    public var refreshHash: String
    public var refresh: RefreshTokenRecord

    public init(accessHash: String, access: AccessTokenRecord, refreshHash: String, refresh: RefreshTokenRecord) {
        self.accessHash = accessHash
        self.access = access
        self.refreshHash = refreshHash
        self.refresh = refresh
    }
}
