import Foundation
import Storage

/// An `/authorize` request that passed validation: every value the consent page and the code will bind.
public struct AuthorizationRequest: Sendable, Hashable {
    public var client: OAuthClientRecord
    public var clientName: String
    public var redirectURI: String
    public var codeChallenge: String
    public var state: String
    /// Canonical resource (audience) the tokens will be bound to.
    public var resource: String
    public var scopes: [String]

    public var scope: String { scopes.joined(separator: " ") }

    /// The host the code will be sent to, shown on the consent page (MCP security guidance).
    public var redirectHost: String { URLComponents(string: redirectURI)?.host ?? redirectURI }
}

/// What `/authorize` answers before consent.
public enum AuthorizeOutcome: Sendable, Hashable {
    /// The client or redirect URI cannot be trusted: show an error page, never redirect (no open redirect).
    case errorPage(status: Int, message: String)
    /// The redirect URI is trusted: send the error back to the client (RFC 6749 §4.1.2.1 + RFC 9207 `iss`).
    case redirect(URLString: String)
    /// Valid: show the consent page for this request.
    case consent(AuthorizationRequest)
}
