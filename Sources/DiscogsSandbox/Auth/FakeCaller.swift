/// Who a request acts as, after its credentials were checked.
public struct FakeCaller: Sendable, Equatable {
    /// The rate tier and visibility class of a caller (Discogs API documentation, "Authentication", and "Rate Limiting").
    public enum Tier: String, Sendable {
        /// No (valid) credentials: 25/min, no images, no private data.
        case none
        /// Consumer key and secret only: 60/min, images, but acts as nobody.
        case app
        /// A personal token or an OAuth access token: acts as that user.
        case user
    }

    public var tier: Tier
    /// The acting user, for `.user` callers.
    public var username: String?
    /// The application, for OAuth and key/secret callers.
    public var consumerKey: String?
    /// How the caller authenticated ("token", "key-secret", "oauth-hmac-sha1", "oauth-plaintext"), or why not.
    public var scheme: String

    public static let anonymous = FakeCaller(tier: .none, username: nil, consumerKey: nil, scheme: "none")

    /// Whether this caller is `username` (case-insensitive).
    public func isOwner(_ username: String) -> Bool {
        tier == .user && self.username?.lowercased() == username.lowercased()
    }

    /// Whether image URLs may be shown (any authentication).
    public var seesImages: Bool { tier != .none }
}
