import Foundation
import Storage

extension TokenVault {
    /// Stores (replacing) a user's Discogs credentials, sealed and bound to the subject.
    public func storeUpstream(_ credential: UpstreamCredential, subject: String) async throws {
        let record = UpstreamCredentialRecord(
            subject: subject,
            discogsUserID: credential.discogsUserID,
            username: credential.username,
            sealedToken: try box.seal(credential.token, context: "upstream:\(subject):token"),
            sealedSecret: try box.seal(credential.secret, context: "upstream:\(subject):secret"),
            updatedAt: now()
        )
        try await repositories.upstream.upsert(record)
        usernames[subject] = credential.username
    }

    /// The Discogs username stored for a subject, cached (it is not a secret).
    func username(subject: String) async throws -> String? {
        if let cached = usernames[subject] { return cached }
        guard let name = try await repositories.upstream.find(subject: subject)?.username else { return nil }
        if usernames.count > 10_000 { usernames.removeAll() }
        usernames[subject] = name
        return name
    }

    /// The user's Discogs credentials, or nil when none are stored. Throws when they cannot be opened.
    public func upstream(subject: String) async throws -> UpstreamCredential? {
        guard let record = try await repositories.upstream.find(subject: subject) else { return nil }
        return UpstreamCredential(
            discogsUserID: record.discogsUserID,
            username: record.username,
            token: try box.openString(record.sealedToken, context: "upstream:\(subject):token"),
            secret: try box.openString(record.sealedSecret, context: "upstream:\(subject):secret")
        )
    }

    /// The stored credentials acting for Discogs user `username`, and their subject: what a background
    /// job (the collection refresher) needs after a restart, when no request has named the subject yet.
    public func upstream(username: String) async throws -> (subject: String, credential: UpstreamCredential)? {
        guard let subject = try await repositories.upstream.subject(forUsername: username),
            let credential = try await upstream(subject: subject)
        else { return nil }
        return (subject, credential)
    }

    /// Forgets a user's Discogs credentials (the user disconnected, or Discogs revoked them).
    public func deleteUpstream(subject: String) async throws {
        try await repositories.upstream.delete(subject: subject)
        usernames[subject] = nil
    }

    /// Records an approved authorization request waiting on the Discogs login; returns its opaque id (for a cookie).
    public func beginPending(_ binding: PendingBinding) async throws -> String {
        let id = OpaqueToken.generate(prefix: Self.pendingPrefix)
        let createdAt = now()
        let sealedSecret = try binding.upstreamRequestSecret.map { try box.seal($0, context: "pending:\(binding.upstreamRequestToken ?? ""):secret") }
        try await repositories.pending.insert(
            idHash: OpaqueToken.digest(id),
            PendingAuthorizationRecord(
                clientID: binding.clientID,
                redirectURI: binding.redirectURI,
                codeChallenge: binding.codeChallenge,
                state: binding.state,
                resource: binding.resource,
                scope: binding.scope,
                upstreamRequestToken: binding.upstreamRequestToken,
                upstreamRequestSecret: sealedSecret,
                createdAt: createdAt,
                expiresAt: createdAt.addingTimeInterval(lifetimes.pendingAuthorization)
            )
        )
        return id
    }

    /// Consumes a pending authorization once; nil when unknown, spent, expired or bound to another request token.
    public func completePending(id: String, upstreamRequestToken: String?) async throws -> (PendingAuthorizationRecord, requestSecret: String?)? {
        guard OpaqueToken.isWellFormed(id, prefix: Self.pendingPrefix),
            let record = try await repositories.pending.find(idHash: OpaqueToken.digest(id)),
            record.upstreamRequestToken == upstreamRequestToken, now() < record.expiresAt,
            let consumed = try await repositories.pending.consume(idHash: OpaqueToken.digest(id), at: now())
        else { return nil }
        let secret = try consumed.upstreamRequestSecret.map {
            try box.openString($0, context: "pending:\(consumed.upstreamRequestToken ?? ""):secret")
        }
        return (consumed, secret)
    }
}

/// What `/authorize` approved, plus the Discogs request token the login waits on.
public struct PendingBinding: Sendable, Hashable {
    public var clientID: String
    public var redirectURI: String
    public var codeChallenge: String
    public var state: String?
    public var resource: String
    public var scope: String
    public var upstreamRequestToken: String?
    public var upstreamRequestSecret: String?

    public init(
        clientID: String,
        redirectURI: String,
        codeChallenge: String,
        state: String?,
        resource: String,
        scope: String,
        upstreamRequestToken: String? = nil,
        upstreamRequestSecret: String? = nil
    ) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.state = state
        self.resource = resource
        self.scope = scope
        self.upstreamRequestToken = upstreamRequestToken
        self.upstreamRequestSecret = upstreamRequestSecret
    }
}
