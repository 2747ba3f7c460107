/// The state an authorization code is bound to, as `/authorize` establishes it.
public struct CodeBinding: Sendable, Hashable {
    public var clientID: String
    /// The MCP principal id of the user who logged in (e.g. `discogs:12345`).
    public var subject: String
    public var redirectURI: String
    public var codeChallenge: String
    /// Canonical resource (see `ResourceIndicator.canonicalize`).
    public var resource: String
    public var scope: String

    public init(clientID: String, subject: String, redirectURI: String, codeChallenge: String, resource: String, scope: String) {
        self.clientID = clientID
        self.subject = subject
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.resource = resource
        self.scope = scope
    }
}
