import Crypto
import Foundation

/// Signs requests with OAuth 1.0a (RFC 5849) and renders the `Authorization: OAuth …` header.
///
/// A value holding only the secrets of one signing identity (consumer, plus token when acting
/// for a user), so the client can build one per call: one process serves many users.
public struct OAuthSigner: Sendable {
    /// The signature methods Discogs accepts.
    public enum SignatureMethod: String, Sendable {
        /// The recommended method: secrets never travel, and it is what Discogs' own clients use.
        case hmacSHA1 = "HMAC-SHA1"
        /// Secrets sent as the signature; a fallback should HMAC-SHA1 ever be refused.
        case plaintext = "PLAINTEXT"
    }

    public var consumerKey: String
    public var consumerSecret: String
    public var token: String?
    public var tokenSecret: String?
    public var method: SignatureMethod
    /// Whether to send `oauth_version="1.0"`; optional in RFC 5849, sent by every Discogs client.
    public var includeVersion: Bool

    public init(
        consumerKey: String,
        consumerSecret: String,
        token: String? = nil,
        tokenSecret: String? = nil,
        method: SignatureMethod = .hmacSHA1,
        includeVersion: Bool = true
    ) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.token = token
        self.tokenSecret = tokenSecret
        self.method = method
        self.includeVersion = includeVersion
    }

    /// The `oauth_*` protocol parameters of one request, before the signature is added.
    ///
    /// - Parameter extra: `oauth_callback` (request token) or `oauth_verifier` (access token).
    public func protocolParameters(nonce: String, timestamp: Int, extra: [OAuthParameter] = []) -> [OAuthParameter] {
        var parameters = [
            OAuthParameter("oauth_consumer_key", consumerKey),
            OAuthParameter("oauth_nonce", nonce),
            OAuthParameter("oauth_signature_method", method.rawValue),
            OAuthParameter("oauth_timestamp", String(timestamp)),
        ]
        if let token { parameters.append(OAuthParameter("oauth_token", token)) }
        if includeVersion { parameters.append(OAuthParameter("oauth_version", "1.0")) }
        parameters.append(contentsOf: extra)
        return parameters
    }

    /// Signs a request and returns the full `Authorization` header value.
    ///
    /// - Parameters:
    ///   - httpMethod: `GET`, `POST`…
    ///   - url: the request URL; its query (if any) is signed, as RFC 5849 §3.4.1.3.1 requires.
    ///   - formParameters: the body's pairs, only when it is `application/x-www-form-urlencoded`.
    public func authorizationHeader(
        httpMethod: String,
        url: URL,
        formParameters: [OAuthParameter] = [],
        extra: [OAuthParameter] = [],
        nonce: String = OAuthSigner.makeNonce(),
        timestamp: Int = OAuthSigner.currentTimestamp(),
        realm: String? = nil
    ) -> String {
        var parameters = protocolParameters(nonce: nonce, timestamp: timestamp, extra: extra)
        let signed = signature(httpMethod: httpMethod, url: url, parameters: parameters + Self.queryParameters(of: url) + formParameters)
        parameters.append(OAuthParameter("oauth_signature", signed))
        return Self.headerValue(parameters, realm: realm)
    }

    /// The signature for `parameters` (protocol, query and form pairs together, without `oauth_signature`).
    public func signature(httpMethod: String, url: URL, parameters: [OAuthParameter]) -> String {
        switch method {
        case .plaintext:
            return signingKey
        case .hmacSHA1:
            let base = Self.signatureBaseString(httpMethod: httpMethod, url: url, parameters: parameters)
            let code = HMAC<Insecure.SHA1>.authenticationCode(for: Data(base.utf8), using: SymmetricKey(data: Data(signingKey.utf8)))
            return Data(code).base64EncodedString()
        }
    }

    /// `enc(consumer_secret) & enc(token_secret)`, the HMAC key and the PLAINTEXT signature.
    public var signingKey: String {
        OAuthPercentEncoding.encode(consumerSecret) + "&" + OAuthPercentEncoding.encode(tokenSecret ?? "")
    }

    // MARK: RFC 5849 §3.4.1

    /// `METHOD & enc(base URI) & enc(normalized parameters)`.
    public static func signatureBaseString(httpMethod: String, url: URL, parameters: [OAuthParameter]) -> String {
        [
            httpMethod.uppercased(),
            OAuthPercentEncoding.encode(baseStringURI(url)),
            OAuthPercentEncoding.encode(normalizedParameters(parameters)),
        ].joined(separator: "&")
    }

    /// Scheme and host lowercased, the port only when not the scheme's default, the path; no query.
    public static func baseStringURI(_ url: URL) -> String {
        let scheme = (url.scheme ?? "https").lowercased()
        let host = (url.host ?? "").lowercased()
        var result = "\(scheme)://\(host)"
        if let port = url.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            result += ":\(port)"
        }
        let path = url.path(percentEncoded: true)
        result += path.isEmpty ? "/" : path
        return result
    }

    /// Encodes each name and value, sorts by name then value (byte order) and joins with `&`.
    public static func normalizedParameters(_ parameters: [OAuthParameter]) -> String {
        parameters
            .filter { $0.name != "oauth_signature" && $0.name != "realm" }
            .map { (OAuthPercentEncoding.encode($0.name), OAuthPercentEncoding.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.0 == rhs.0 ? Array(lhs.1.utf8).lexicographicallyPrecedes(rhs.1.utf8) : Array(lhs.0.utf8).lexicographicallyPrecedes(rhs.0.utf8)
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// The decoded query pairs of `url`, the way a server will see them.
    public static func queryParameters(of url: URL) -> [OAuthParameter] {
        guard let query = url.query(percentEncoded: true), !query.isEmpty else { return [] }
        return OAuthPercentEncoding.parseForm(query).map { OAuthParameter($0.name, $0.value) }
    }

    /// `OAuth name="value", …` with every name and value percent-encoded (RFC 5849 §3.5.1).
    public static func headerValue(_ parameters: [OAuthParameter], realm: String? = nil) -> String {
        var parts: [String] = []
        if let realm { parts.append("realm=\"\(OAuthPercentEncoding.encode(realm))\"") }
        parts += parameters.map { "\(OAuthPercentEncoding.encode($0.name))=\"\(OAuthPercentEncoding.encode($0.value))\"" }
        return "OAuth " + parts.joined(separator: ", ")
    }

    // MARK: Nonce and timestamp

    /// A fresh 32-character alphanumeric nonce; Discogs treats nonces over 64 characters as anonymous.
    public static func makeNonce() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// Seconds since 1970: Discogs rejects (as anonymous) millisecond timestamps.
    public static func currentTimestamp() -> Int {
        Int(Date().timeIntervalSince1970)
    }
}

/// One name/value pair of an OAuth signature; an ordered list, since names may repeat.
public struct OAuthParameter: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
