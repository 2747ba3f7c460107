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
    /// The scopes requested (before consent) or granted (once the person ticked them).
    public var scopes: [String]

    public var scope: String { scopes.joined(separator: " ") }

    /// The host the code will be sent to, shown on the consent page (MCP security guidance).
    public var redirectHost: String { URLComponents(string: redirectURI)?.host ?? redirectURI }
}

/// What `/authorize` answers before consent.
///
/// There is no "redirect the error" outcome: before the person has seen the consent page every
/// error is shown to them, never sent to the redirect URI (RFC 9700 §4.11, no open redirect).
public enum AuthorizeOutcome: Sendable, Hashable {
    /// The request cannot continue: show an error page.
    case errorPage(status: Int, message: String)
    /// Valid: show the consent page for this request.
    case consent(AuthorizationRequest)
}
