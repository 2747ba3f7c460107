import Crypto
import Foundation
import Storage

/// CSRF protection for the consent form: a per-browser nonce cookie plus a timed, single-use HMAC.
///
/// The hidden form token is `issuedAt.HMAC(key, nonce ‖ issuedAt ‖ every authorization
/// parameter)`, so a POST is accepted only from the browser that loaded this very consent page
/// (it holds the `__Host-` cookie), only for the parameters that page showed (a forged page
/// cannot swap the redirect URI, challenge or scopes under an approval), only within the
/// cookie's lifetime, and only once: each approval starts a Discogs login that costs the shared
/// upstream budget, so one page load re-posted in a loop must not buy more than one (issue 17).
public struct ConsentCSRF: Sendable {
    public static let cookieName = "__Host-dmcp-consent"
    /// Seconds a consent page (its cookie and its token) stays usable.
    public static let lifetime = 600
    /// Tolerated clock difference for a token "from the future" (several instances, one secret).
    static let skew: TimeInterval = 60

    /// Why a token was refused, for the page the person sees.
    public enum Check: Sendable, Equatable {
        case valid
        /// Malformed, for other parameters, or without the browser's cookie.
        case invalid
        case expired
        /// A valid token that was already spent.
        case reused
    }

    private let key: SymmetricKey
    private let spent: SpentTokens
    private let clock: ServerClock

    public init(keyMaterial: String, clock: ServerClock = .continuous) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(keyMaterial.utf8)),
            salt: Data("discogs-mcp/consent-csrf".utf8),
            info: Data("hmac-sha256 v1".utf8),
            outputByteCount: 32
        )
        spent = SpentTokens()
        self.clock = clock
    }

    public func newNonce() -> String { OpaqueToken.generate(prefix: "") }

    public func token(nonce: String, for request: AuthorizationRequest) -> String {
        token(nonce: nonce, fields: Self.fields(request))
    }

    /// The token over any list of fields (the session login page binds its link id).
    public func token(nonce: String, fields: [String]) -> String {
        let issued = Int64(clock.date.timeIntervalSince1970)
        return "\(issued)." + mac(nonce: nonce, issued: issued, fields: fields)
    }

    /// Checks and spends a token: true only the first time a valid, unexpired token is presented.
    public func verify(token: String?, nonce: String?, for request: AuthorizationRequest) -> Bool {
        check(token: token, nonce: nonce, fields: Self.fields(request)) == .valid
    }

    public func verify(token: String?, nonce: String?, fields: [String]) -> Bool {
        check(token: token, nonce: nonce, fields: fields) == .valid
    }

    public func check(token: String?, nonce: String?, for request: AuthorizationRequest) -> Check {
        check(token: token, nonce: nonce, fields: Self.fields(request))
    }

    /// Verifies a token and, when valid, spends it.
    public func check(token: String?, nonce: String?, fields: [String]) -> Check {
        guard let token, let nonce, !nonce.isEmpty, let dot = token.firstIndex(of: "."),
            let issued = Int64(token[..<dot])
        else { return .invalid }
        guard ConstantTime.equal(mac(nonce: nonce, issued: issued, fields: fields), String(token[token.index(after: dot)...])) else {
            return .invalid
        }
        let current = clock.date
        let issuedAt = Date(timeIntervalSince1970: TimeInterval(issued))
        let expiresAt = issuedAt.addingTimeInterval(TimeInterval(Self.lifetime))
        guard current < expiresAt, issuedAt.timeIntervalSince(current) <= Self.skew else { return .expired }
        return spent.spend(OpaqueToken.digest(token), until: expiresAt.addingTimeInterval(Self.skew), now: current) ? .valid : .reused
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

    static func fields(_ request: AuthorizationRequest) -> [String] {
        [request.client.clientID, request.redirectURI, request.codeChallenge, request.state, request.resource, request.scope]
    }

    private func mac(nonce: String, issued: Int64, fields: [String]) -> String {
        let fields = [nonce, String(issued)] + fields
        // Length-prefixed so that no two different field lists serialize to the same bytes.
        let message = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)
        return Base64URL.encode(Data(mac))
    }
}
