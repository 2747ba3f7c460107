/// A user's Discogs OAuth 1.0a access credentials, opened from their sealed form.
public struct UpstreamCredential: Sendable, Hashable {
    public var discogsUserID: Int?
    public var username: String?
    public var token: String
    public var secret: String

    public init(discogsUserID: Int?, username: String?, token: String, secret: String) {
        self.discogsUserID = discogsUserID
        self.username = username
        self.token = token
        self.secret = secret
    }
}
