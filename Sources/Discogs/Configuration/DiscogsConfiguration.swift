import Foundation

/// How to reach Discogs and which credentials to use.
public struct DiscogsConfiguration: Sendable, Hashable {
    public var apiURL: URL
    public var webURL: URL
    public var userAgent: String
    /// OAuth 1.0a consumer credentials for the per-user login.
    public var consumerKey: String?
    public var consumerSecret: String?
    /// A personal access token for single-user use.
    public var personalToken: String?
    /// How long to wait for a TCP (and TLS) connection to Discogs.
    public var connectTimeout: Duration
    /// How long a single read may stall once connected.
    public var readTimeout: Duration
    /// The longest one call may take end to end, body included.
    public var requestTimeout: Duration
    /// The shared outbound budget (Discogs' 60/25 per minute per IP).
    public var governor: GovernorConfiguration
    /// Retries of idempotent reads after 5xx answers and dropped connections.
    public var retry: RetryPolicy
    /// How a user's OAuth calls are signed; HMAC-SHA1 unless Discogs ever refuses it.
    public var signatureMethod: OAuthSigner.SignatureMethod

    public static let defaultAPIURL = literalURL("https://api.discogs.com")
    public static let defaultWebURL = literalURL("https://www.discogs.com")

    private static func literalURL(_ text: String) -> URL {
        guard let url = URL(string: text) else { preconditionFailure("invalid URL literal \(text)") }
        return url
    }

    public init(
        apiURL: URL = DiscogsConfiguration.defaultAPIURL,
        webURL: URL = DiscogsConfiguration.defaultWebURL,
        userAgent: String,
        consumerKey: String? = nil,
        consumerSecret: String? = nil,
        personalToken: String? = nil,
        connectTimeout: Duration = .seconds(5),
        readTimeout: Duration = .seconds(20),
        requestTimeout: Duration = .seconds(30),
        governor: GovernorConfiguration = GovernorConfiguration(),
        retry: RetryPolicy = RetryPolicy(),
        signatureMethod: OAuthSigner.SignatureMethod = .hmacSHA1
    ) {
        self.apiURL = apiURL
        self.webURL = webURL
        self.userAgent = userAgent
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.personalToken = personalToken
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.requestTimeout = requestTimeout
        self.governor = governor
        self.retry = retry
        self.signatureMethod = signatureMethod
    }

    /// How the server can act for users, derived from which credentials are present.
    public enum Mode: String, Sendable {
        /// Consumer key and secret: users sign in with Discogs through our OAuth server.
        case oauth
        /// Only a personal token: one account, local use.
        case personal
        /// No credentials: an in-process sandbox Discogs stands in.
        case sandbox
    }

    public var mode: Mode {
        if consumerKey != nil, consumerSecret != nil { return .oauth }
        if personalToken != nil { return .personal }
        return .sandbox
    }
}
