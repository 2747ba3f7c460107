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
        personalToken: String? = nil
    ) {
        self.apiURL = apiURL
        self.webURL = webURL
        self.userAgent = userAgent
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.personalToken = personalToken
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
