import Crypto
import Foundation
import Storage

/// CSRF protection for the consent form: a per-browser nonce cookie plus an HMAC over the request.
///
/// The hidden form token is `HMAC(key, nonce ‖ every authorization parameter)`, so a POST is
/// accepted only from the browser that loaded this very consent page (it holds the
/// `__Host-` cookie) and only for the parameters that page showed: a forged page cannot swap
/// the redirect URI, challenge or scopes under an approval. Nothing is stored server-side.
public struct ConsentCSRF: Sendable {
    public static let cookieName = "__Host-dmcp-consent"
    public static let lifetime = 600

    private let key: SymmetricKey

    public init(keyMaterial: String) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(keyMaterial.utf8)), salt: Data("discogs-mcp/consent-csrf".utf8),
            info: Data("hmac-sha256 v1".utf8), outputByteCount: 32
        )
    }

    public func newNonce() -> String { OpaqueToken.generate(prefix: "") }

    public func token(nonce: String, for request: AuthorizationRequest) -> String {
        token(nonce: nonce, fields: [request.client.clientID, request.redirectURI, request.codeChallenge, request.state, request.resource, request.scope])
    }

    /// The token over any list of fields (the session login page binds its link id).
    public func token(nonce: String, fields: [String]) -> String {
        let fields = [nonce] + fields
        // Length-prefixed so that no two different field lists serialize to the same bytes.
        let message = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)
        return Base64URL.encode(Data(mac))
    }

    public func verify(token: String?, nonce: String?, for request: AuthorizationRequest) -> Bool {
        guard let token, let nonce, !nonce.isEmpty else { return false }
        return ConstantTime.equal(self.token(nonce: nonce, for: request), token)
    }

    public func verify(token: String?, nonce: String?, fields: [String]) -> Bool {
        guard let token, let nonce, !nonce.isEmpty else { return false }
        return ConstantTime.equal(self.token(nonce: nonce, fields: fields), token)
    }

    /// `Set-Cookie` for the nonce: host-only, Secure, HttpOnly, SameSite=Lax, short-lived (MCP security guidance).
    public func setCookie(nonce: String) -> String {
        "\(Self.cookieName)=\(nonce); Path=/; Max-Age=\(Self.lifetime); Secure; HttpOnly; SameSite=Lax"
    }

    /// Reads the nonce from a `Cookie` header.
    public static func nonce(fromCookieHeader header: String?) -> String? {
        cookie(cookieName, in: header)
    }

    /// The value of cookie `name` in a `Cookie` header.
    public static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix(name + "=") { return String(pair.dropFirst(name.count + 1)) }
        }
        return nil
    }
}
