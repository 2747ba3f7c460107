/// The parts of a request that credentials can live in.
public struct CredentialInput: Sendable {
    public var method: String
    /// Base URIs the signature may have been computed over (configured public URL, then the Host header's).
    public var baseURIs: [String]
    public var queryItems: [(String, String)]
    public var authorization: String?
    /// Decoded `application/x-www-form-urlencoded` body parameters (empty for other bodies).
    public var formItems: [(String, String)]

    public init(method: String, baseURIs: [String], queryItems: [(String, String)], authorization: String?, formItems: [(String, String)]) {
        self.method = method
        self.baseURIs = baseURIs
        self.queryItems = queryItems
        self.authorization = authorization
        self.formItems = formItems
    }

    /// OAuth protocol parameters from the header, else from the query string or form body (RFC 5849 §3.5).
    var oauthParameters: [(String, String)]? {
        if let authorization, let header = OAuthSignature.parseAuthorizationHeader(authorization) {
            return header.filter { $0.0 != "realm" }
        }
        let inline = (queryItems + formItems).filter { $0.0.hasPrefix("oauth_") }
        return inline.contains { $0.0 == "oauth_consumer_key" } ? inline : nil
    }

    func oauth(_ name: String) -> String? { oauthParameters?.first { $0.0 == name }?.1 }
}
