import Foundation

/// What a valid access token grants, for building the request's principal.
public struct AccessGrant: Sendable, Hashable {
    public var subject: String
    public var clientID: String
    public var scopes: Set<String>
    public var resource: String
    public var expiresAt: Date
    /// The Discogs username behind the subject, when known.
    public var username: String? = nil
}

/// The outcome of checking a presented access token at one endpoint.
public enum AccessValidation: Sendable, Hashable {
    case valid(AccessGrant)
    case invalid(TokenLifecycle.AccessDecision)
}
