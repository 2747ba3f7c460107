/// A token response's content (RFC 6749 §5.1).
public struct IssuedTokens: Sendable, Hashable {
    public var accessToken: String
    public var refreshToken: String
    public var expiresIn: Int
    public var scope: String
    /// The audience the access token is bound to.
    public var resource: String
    /// The principal the tokens act for (never sent to the client).
    public var subject: String = ""
}
