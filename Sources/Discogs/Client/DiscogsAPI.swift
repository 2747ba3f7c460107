import Foundation

/// Everything the rest of the server asks of Discogs.
///
/// Deliberately small: one primitive for API calls plus the OAuth login round trip. Typed
/// endpoints are extensions on this protocol, so the real client and the test fake share them
/// and a fake only has to answer requests.
public protocol DiscogsAPI: Sendable {
    /// Sends one request as `credential`, through the cache, the governor and the retry policy.
    ///
    /// Returns only 2xx answers; everything else throws a `DiscogsError`.
    func send(_ request: DiscogsRequest, as credential: DiscogsCredential) async throws -> DiscogsResponse

    /// Sends a read and decodes its answer as `T`.
    ///
    /// A requirement (with a default that decodes every time) so the real client can answer repeated
    /// cached reads from values it already decoded: decoding a release costs more than serving it.
    func fetch<T: Decodable & Sendable>(_ request: DiscogsRequest, as credential: DiscogsCredential) async throws -> T

    /// Step 1 of the login: a request token, signed with the application's consumer credentials.
    func requestToken(callback: URL?) async throws -> OAuthTokenPair

    /// Step 3 of the login: trades the authorized request token and verifier for an access token.
    func accessToken(requestToken: String, secret: String, verifier: String) async throws -> OAuthTokenPair

    /// Step 2 of the login: where to send the person's browser to approve this application.
    func authorizeURL(requestToken: String) -> URL
}

extension DiscogsAPI {
    public func fetch<T: Decodable & Sendable>(_ request: DiscogsRequest, as credential: DiscogsCredential) async throws -> T {
        try await send(request, as: credential).decode()
    }
}

/// A token and its secret, as the OAuth endpoints return them in a form-encoded body.
public struct OAuthTokenPair: Sendable, Hashable {
    public var token: String
    public var secret: String
    /// `oauth_callback_confirmed` from the request-token step.
    public var callbackConfirmed: Bool

    public init(token: String, secret: String, callbackConfirmed: Bool = false) {
        self.token = token
        self.secret = secret
        self.callbackConfirmed = callbackConfirmed
    }

    /// Parses `oauth_token=…&oauth_token_secret=…[&oauth_callback_confirmed=true]`.
    public init(formBody: String) throws {
        let pairs = Dictionary(OAuthPercentEncoding.parseForm(formBody.trimmingCharacters(in: .whitespacesAndNewlines)).map { ($0.name, $0.value) }) {
            first,
            _ in first
        }
        guard let token = pairs["oauth_token"], !token.isEmpty, let secret = pairs["oauth_token_secret"] else {
            throw DiscogsError.malformedBody("expected oauth_token and oauth_token_secret in the OAuth answer")
        }
        self.init(token: token, secret: secret, callbackConfirmed: pairs["oauth_callback_confirmed"] == "true")
    }
}

extension DiscogsConfiguration {
    /// `{webURL}/oauth/authorize?oauth_token=…`.
    public func authorizeURL(requestToken: String) -> URL {
        let base = webURL.absoluteString.hasSuffix("/") ? String(webURL.absoluteString.dropLast()) : webURL.absoluteString
        let text = base + "/oauth/authorize?oauth_token=" + OAuthPercentEncoding.encode(requestToken)
        return URL(string: text) ?? webURL
    }
}
