/// The three-legged OAuth 1.0a flow (Discogs API documentation, "Authentication"; RFC 5849 §2): request token, authorize, access token.
extension FakeDiscogsState {
    static let notOAuth = FakeDiscogsError(
        400,
        "This URL is an OAuth endpoint, but the request you made doesn't appear to conform to the OAuth 1.0a protocol. Please check your OAuth library.",
        plainText: true
    )

    private func consumer(_ input: CredentialInput) throws -> (String, FakeCredentials.Consumer) {
        guard input.oauthParameters != nil else { throw Self.notOAuth }
        guard let key = input.oauth("oauth_consumer_key") else {
            throw FakeDiscogsError(401, "Parameter not found: oauth_consumer_key", plainText: true)
        }
        guard let consumer = credentials.consumers[key] else { throw FakeDiscogsError(401, "Invalid consumer.", plainText: true) }
        return (key, consumer)
    }

    /// Issues a request token for a correctly signed call.
    func issueRequestToken(_ input: CredentialInput) throws -> (token: String, secret: String) {
        let (key, consumer) = try consumer(input)
        guard CredentialVerifier.verifySignature(input, consumerSecret: consumer.secret, tokenSecret: "") != nil else {
            throw FakeDiscogsError(
                401,
                "Invalid signature. This additional information might be useful: \(input.method) request token signature mismatch.",
                plainText: true
            )
        }
        let token = makeToken("rt")
        let secret = makeToken("rts")
        let callback = input.oauth("oauth_callback") ?? "oob"
        credentials.requestTokens[token] = .init(secret: secret, consumerKey: key, callback: callback, issuedAt: now)
        return (token, secret)
    }

    /// The outcome of the authorize page.
    public enum AuthorizeOutcome: Sendable, Equatable {
        case redirect(String)
        case showVerifier(String)
        case denied(String?)
    }

    /// What the web page does when the user lands on it with a request token.
    func authorize(token: String, username: String?, deny: Bool) throws -> AuthorizeOutcome {
        guard var pending = credentials.requestTokens[token], now - pending.issuedAt <= behaviour.requestTokenLifetime else {
            throw FakeDiscogsError(400, "Invalid or expired request token.", plainText: true)
        }
        let separator = pending.callback.contains("?") ? "&" : "?"
        if deny || !behaviour.authorizeGrants {
            credentials.requestTokens[token] = nil
            guard pending.callback != "oob" else { return .denied(nil) }
            return .denied("\(pending.callback)\(separator)denied=\(OAuthSignature.percentEncode(token))")
        }
        let user = username ?? behaviour.authorizingUsername ?? data.users.values.sorted { $0.id < $1.id }.first?.username
        guard let user, data.user(user) != nil else {
            throw FakeDiscogsError(400, "No account is signed in to authorize this application.", plainText: true)
        }
        let verifier = makeToken("ver")
        pending.verifier = verifier
        pending.username = data.user(user)?.username
        credentials.requestTokens[token] = pending
        if pending.callback == "oob" { return .showVerifier(verifier) }
        return .redirect(
            "\(pending.callback)\(separator)oauth_token=\(OAuthSignature.percentEncode(token))&oauth_verifier=\(OAuthSignature.percentEncode(verifier))"
        )
    }

    /// Exchanges an authorized request token and its verifier for an access token.
    func issueAccessToken(_ input: CredentialInput) throws -> (token: String, secret: String) {
        let (key, consumer) = try consumer(input)
        guard let requestToken = input.oauth("oauth_token"), let pending = credentials.requestTokens[requestToken], pending.consumerKey == key else {
            throw FakeDiscogsError(401, "Invalid request token.", plainText: true)
        }
        guard now - pending.issuedAt <= behaviour.requestTokenLifetime else {
            credentials.requestTokens[requestToken] = nil
            throw FakeDiscogsError(400, "Request token expired.", plainText: true)
        }
        let signedWithSecret = CredentialVerifier.verifySignature(input, consumerSecret: consumer.secret, tokenSecret: pending.secret)
        // DOCS' own PLAINTEXT example omits the request-token secret; accept that variant too.
        let docsVariant =
            input.oauth("oauth_signature_method")?.uppercased() == "PLAINTEXT"
            ? CredentialVerifier.verifySignature(input, consumerSecret: consumer.secret, tokenSecret: "") : nil
        guard signedWithSecret != nil || docsVariant != nil else {
            throw FakeDiscogsError(
                401,
                "Invalid signature. This additional information might be useful: access token signature mismatch.",
                plainText: true
            )
        }
        let verifier = input.oauth("oauth_verifier") ?? (input.queryItems + input.formItems).first { $0.0 == "oauth_verifier" }?.1
        guard let expected = pending.verifier, let username = pending.username else {
            throw FakeDiscogsError(401, "Request token has not been authorized.", plainText: true)
        }
        guard verifier == expected else { throw FakeDiscogsError(401, "Invalid verifier.", plainText: true) }
        credentials.requestTokens[requestToken] = nil
        let token = makeToken("at")
        let secret = makeToken("ats")
        credentials.accessTokens[token] = .init(secret: secret, consumerKey: key, username: username)
        return (token, secret)
    }
}
