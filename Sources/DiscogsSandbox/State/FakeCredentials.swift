/// The credentials the fake accepts: personal tokens, OAuth consumers and tokens.
public struct FakeCredentials: Sendable {
    /// A registered application (consumer key and secret).
    public struct Consumer: Sendable, Hashable {
        public var secret: String
        public var name: String
    }

    /// An OAuth access token granted to a consumer by a user.
    public struct AccessToken: Sendable, Hashable {
        public var secret: String
        public var consumerKey: String
        public var username: String
    }

    /// A request token in the middle of the three-legged flow.
    public struct RequestToken: Sendable, Hashable {
        public var secret: String
        public var consumerKey: String
        public var callback: String
        /// Seconds since 1970 (fake clock) when it was issued; it lapses 15 minutes later.
        public var issuedAt: Double
        public var verifier: String?
        public var username: String?
    }

    /// Personal access tokens → username.
    public var personalTokens: [String: String] = [:]
    public var consumers: [String: Consumer] = [:]
    /// Applications set aside by `setConsumersSuspended`, as if deleted on the Discogs site.
    public var suspendedConsumers: [String: Consumer] = [:]
    public var accessTokens: [String: AccessToken] = [:]
    public var requestTokens: [String: RequestToken] = [:]

    public init() {}
}
