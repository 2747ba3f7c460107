import Foundation

extension DiscogsClient {
    /// Login steps queue behind tool calls and never take the slots kept for them: anyone who
    /// can load a consent page can start a login, and each start costs the process-wide budget
    /// (issue 17). A person at a sign-in page still waits at most this long for a slot.
    static let loginPriority = RequestPriority.background
    static let loginMaxWait: Duration = .seconds(20)

    /// Step 1: `GET /oauth/request_token`, signed with the consumer credentials and `oauth_callback`.
    ///
    /// The answer is a form-encoded body; failures are text/plain, which `DiscogsError` keeps as the message.
    public func requestToken(callback: URL?) async throws -> OAuthTokenPair {
        let (key, secret) = try consumer()
        let signer = OAuthSigner(consumerKey: key, consumerSecret: secret, method: configuration.signatureMethod)
        let extra = [OAuthParameter("oauth_callback", callback?.absoluteString ?? "oob")]
        let response = try await perform(
            DiscogsRequest(.get, "/oauth/request_token", priority: Self.loginPriority, maxWait: Self.loginMaxWait),
            authorization: .oauthLogin(signer, extra: extra)
        )
        return try OAuthTokenPair(formBody: response.text)
    }

    /// Step 3: `POST /oauth/access_token`, signed with the request token and its secret plus the verifier.
    public func accessToken(requestToken: String, secret: String, verifier: String) async throws -> OAuthTokenPair {
        let (key, consumerSecret) = try consumer()
        let signer = OAuthSigner(
            consumerKey: key,
            consumerSecret: consumerSecret,
            token: requestToken,
            tokenSecret: secret,
            method: configuration.signatureMethod
        )
        let extra = [OAuthParameter("oauth_verifier", verifier)]
        let response = try await perform(
            DiscogsRequest(.post, "/oauth/access_token", priority: Self.loginPriority, maxWait: Self.loginMaxWait),
            authorization: .oauthLogin(signer, extra: extra)
        )
        return try OAuthTokenPair(formBody: response.text)
    }
}
