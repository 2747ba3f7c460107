/// The answer to "who is this request from?".
public enum Authentication: Sendable, Hashable {
    case authenticated(Principal)
    /// Credentials are missing or invalid; the transport answers 401 with this challenge.
    case challenge(wwwAuthenticate: String, reason: String)
}

/// Turns a request's credentials into a principal.
public protocol Authenticator: Sendable {
    /// - Parameter authorization: the raw `Authorization` header, if any.
    func authenticate(authorization: String?) async -> Authentication
}

/// The authenticator used until OAuth is configured: every request acts for one fixed principal.
///
/// With `DISCOGS_TOKEN` that is the operator's account (personal mode, loopback only);
/// without credentials it is the anonymous principal that sees the public tools.
public struct FixedPrincipalAuthenticator: Authenticator {
    public let principal: Principal

    public init(principal: Principal) {
        self.principal = principal
    }

    public func authenticate(authorization: String?) async -> Authentication {
        .authenticated(principal)
    }
}
