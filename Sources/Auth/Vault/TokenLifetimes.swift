import Foundation

/// How long each kind of credential lives.
public struct TokenLifetimes: Sendable, Hashable {
    /// Short, so a leaked access token is useful only briefly (MCP: SHOULD be short-lived).
    public var accessToken: TimeInterval
    public var refreshToken: TimeInterval
    /// At most ten minutes (OAuth 2.1); the client redeems it right after the redirect.
    public var authorizationCode: TimeInterval
    /// Discogs request tokens expire after 15 minutes, so a pending login cannot outlive that.
    public var pendingAuthorization: TimeInterval

    public init(
        accessToken: TimeInterval = 3600,
        refreshToken: TimeInterval = 30 * 86400,
        authorizationCode: TimeInterval = 300,
        pendingAuthorization: TimeInterval = 900
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.authorizationCode = authorizationCode
        self.pendingAuthorization = pendingAuthorization
    }
}
