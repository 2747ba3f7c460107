import Foundation

/// Maps a request's credentials to a `FakeCaller`, the way Discogs does (Discogs API documentation, "Authentication"; RFC 5849 §3).
///
/// Unknown keys and tokens are rejected with 401, but a known token with a wrong signature degrades
/// to anonymous — the real API's confusing behaviour that clients must survive (observed on the live API by python3-discogs-client and DiscogsApiClient).
struct CredentialVerifier {
    var credentials: FakeCredentials

    enum Outcome: Equatable {
        case caller(FakeCaller)
        case reject(FakeDiscogsError)
    }

    func resolve(_ input: CredentialInput) -> Outcome {
        if let header = input.authorization?.trimmingCharacters(in: .whitespaces), header.lowercased().hasPrefix("discogs ") {
            let fields = Dictionary(Self.discogsHeaderFields(String(header.dropFirst(8))), uniquingKeysWith: { first, _ in first })
            return resolveDiscogs(token: fields["token"], key: fields["key"], secret: fields["secret"])
        }
        if input.oauthParameters != nil { return resolveOAuth(input) }
        let query = Dictionary(input.queryItems, uniquingKeysWith: { first, _ in first })
        if query["token"] != nil || query["key"] != nil {
            return resolveDiscogs(token: query["token"], key: query["key"], secret: query["secret"])
        }
        return .caller(.anonymous)
    }

    private func resolveDiscogs(token: String?, key: String?, secret: String?) -> Outcome {
        if let token {
            guard let username = credentials.personalTokens[token] else {
                return .reject(FakeDiscogsError(401, "Invalid consumer token."))
            }
            return .caller(FakeCaller(tier: .user, username: username, consumerKey: nil, scheme: "token"))
        }
        guard let key, let consumer = credentials.consumers[key] else {
            return .reject(FakeDiscogsError(401, "Invalid consumer."))
        }
        guard consumer.secret == secret else {
            return .reject(FakeDiscogsError(401, "Invalid consumer."))
        }
        return .caller(FakeCaller(tier: .app, username: nil, consumerKey: key, scheme: "key-secret"))
    }

    private func resolveOAuth(_ input: CredentialInput) -> Outcome {
        guard let consumerKey = input.oauth("oauth_consumer_key"), let consumer = credentials.consumers[consumerKey] else {
            return .reject(FakeDiscogsError(401, "Invalid consumer."))
        }
        var tokenSecret = ""
        var username: String?
        if let token = input.oauth("oauth_token"), !token.isEmpty {
            if credentials.requestTokens[token] != nil {
                // Mid-flow calls (access_token) are verified by the OAuth endpoint itself.
                return .caller(FakeCaller(tier: .none, username: nil, consumerKey: consumerKey, scheme: "oauth-request-token"))
            }
            guard let access = credentials.accessTokens[token], access.consumerKey == consumerKey else {
                return .reject(FakeDiscogsError(401, "Invalid consumer token."))
            }
            tokenSecret = access.secret
            username = access.username
        }
        guard let scheme = Self.verifySignature(input, consumerSecret: consumer.secret, tokenSecret: tokenSecret) else {
            return .caller(FakeCaller(tier: .none, username: nil, consumerKey: nil, scheme: "oauth-bad-signature"))
        }
        if let username {
            return .caller(FakeCaller(tier: .user, username: username, consumerKey: consumerKey, scheme: scheme))
        }
        return .caller(FakeCaller(tier: .app, username: nil, consumerKey: consumerKey, scheme: scheme))
    }

    /// Checks nonce, timestamp and signature; returns the scheme name when valid.
    static func verifySignature(_ input: CredentialInput, consumerSecret: String, tokenSecret: String) -> String? {
        guard let oauth = input.oauthParameters,
            let method = input.oauth("oauth_signature_method")?.uppercased(),
            let signature = input.oauth("oauth_signature")
        else { return nil }
        if let nonce = input.oauth("oauth_nonce"), nonce.isEmpty || nonce.count > 64 { return nil }
        if let timestamp = input.oauth("oauth_timestamp") {
            // Seconds, not milliseconds (RFC 5849 §3.3): more than 11 digits is a millisecond clock.
            guard let seconds = Int(timestamp), seconds > 0, seconds < 100_000_000_000 else { return nil }
        }
        switch method {
        case "PLAINTEXT":
            let expected = OAuthSignature.key(consumerSecret: consumerSecret, tokenSecret: tokenSecret)
            // Both the literal `&` and the RFC's re-encoded `%26` are in use (RFC 5849 §3.4.4, PLAINTEXT).
            let candidates = [signature, OAuthSignature.percentDecode(signature)]
            return candidates.contains(expected) ? "oauth-plaintext" : nil
        case "HMAC-SHA1":
            guard input.oauth("oauth_timestamp") != nil, input.oauth("oauth_nonce") != nil else { return nil }
            let inHeader = input.authorization.flatMap(OAuthSignature.parseAuthorizationHeader) != nil
            // Query and form parameters are signed; inline oauth_* parameters are already among them.
            var parameters = input.queryItems + input.formItems
            if inHeader { parameters += oauth }
            for uri in input.baseURIs {
                let base = OAuthSignature.baseString(method: input.method, uri: uri, parameters: parameters)
                let computed = OAuthSignature.hmacSHA1(baseString: base, consumerSecret: consumerSecret, tokenSecret: tokenSecret)
                if computed == signature { return "oauth-hmac-sha1" }
            }
            return nil
        default:
            return nil
        }
    }

    /// Splits `token=abc` or `key=K, secret=S` into pairs.
    static func discogsHeaderFields(_ text: String) -> [(String, String)] {
        text.split(separator: ",").compactMap { part in
            let pieces = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pieces.count == 2 else { return nil }
            return (String(pieces[0]).lowercased(), String(pieces[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
    }
}
