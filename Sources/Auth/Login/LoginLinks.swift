import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Synchronization

/// Sign-in links for anonymous legacy SSE sessions (clients without OAuth).
///
/// `auth_status` hands out a link bound to its session plus a short code; the link's page shows
/// the same code and a consent form, and only its approval (from the browser that loaded the
/// page, CSRF-checked) starts the Discogs login. When that completes, `binder` rebinds the
/// session to the user. Links are single use and expire; they live in memory on purpose: the
/// SSE sessions they point to end with the process anyway.
public actor LoginLinks {
    public static let cookieName = "__Host-dmcp-link"
    public static let pathPrefix = "/login/"

    public struct Link: Sendable, Hashable {
        public var sessionID: String
        public var code: String
        public var expiresAt: Date
    }

    struct Pending: Sendable {
        var sessionID: String
        var requestToken: String
        var requestSecret: String
        var expiresAt: Date
    }

    /// Rebinds session `sessionID` to `principal`; false when the session is gone or not anonymous.
    public typealias Binder = @Sendable (_ sessionID: String, _ principal: Principal) async -> Bool

    public let base: String
    public let scopes: [Scope]
    public let lifetime: TimeInterval
    /// Discogs request tokens live 15 minutes.
    public let pendingLifetime: TimeInterval = 900
    private var links: [String: Link] = [:]
    private var bySession: [String: String] = [:]
    private var pending: [String: Pending] = [:]
    /// Set once by the composition root after the session registry exists.
    private let binderSlot = Mutex<Binder?>(nil)
    private let now: @Sendable () -> Date

    public init(base: String, scopes: [Scope], lifetime: TimeInterval = 600, now: @escaping @Sendable () -> Date = { Date() }) {
        self.base = base
        self.scopes = scopes
        self.lifetime = lifetime
        self.now = now
    }

    public nonisolated func setBinder(_ binder: @escaping Binder) {
        binderSlot.withLock { $0 = binder }
    }

    /// A fresh link for `sessionID`; an earlier unused link of the same session stops working.
    public func issue(sessionID: String) -> (url: String, code: String) {
        purge()
        if let old = bySession[sessionID] { links[old] = nil }
        let token = OpaqueToken.generate(prefix: "ln_")
        let code = Self.shortCode()
        let key = OpaqueToken.digest(token)
        links[key] = Link(sessionID: sessionID, code: code, expiresAt: now().addingTimeInterval(lifetime))
        bySession[sessionID] = key
        return (base + Self.pathPrefix + token, code)
    }

    /// The live link for a token, without spending it (the page shows its code).
    public func peek(_ token: String) -> Link? {
        guard let link = links[OpaqueToken.digest(token)], now() < link.expiresAt else { return nil }
        return link
    }

    /// Spends a link: the approval on its page. Nil when unknown, used or expired.
    public func claim(_ token: String) -> Link? {
        let key = OpaqueToken.digest(token)
        guard let link = links.removeValue(forKey: key) else { return nil }
        if bySession[link.sessionID] == key { bySession[link.sessionID] = nil }
        return now() < link.expiresAt ? link : nil
    }

    /// Records the Discogs request token the claimed link now waits on; returns the cookie nonce.
    func beginPending(sessionID: String, requestToken: String, requestSecret: String) -> String {
        let nonce = OpaqueToken.generate(prefix: "")
        pending[OpaqueToken.digest(nonce)] = Pending(
            sessionID: sessionID, requestToken: requestToken, requestSecret: requestSecret, expiresAt: now().addingTimeInterval(pendingLifetime)
        )
        return nonce
    }

    /// Consumes the pending login of this browser (cookie nonce) if it waits on `requestToken`.
    func completePending(nonce: String, requestToken: String) -> Pending? {
        let key = OpaqueToken.digest(nonce)
        guard let found = pending[key], ConstantTime.equal(found.requestToken, requestToken) else { return nil }
        pending[key] = nil
        return now() < found.expiresAt ? found : nil
    }

    /// Stores the Discogs credentials and rebinds the session.
    func finish(_ login: Pending, account: UpstreamCredential, vault: TokenVault, observer: (any OAuthObserver)?) async -> Response {
        let subject = DiscogsLogin.subject(account)
        do {
            try await vault.storeUpstream(account, subject: subject)
        } catch {
            observer?.oauthFailure(OAuthFailure.storage)
            return DiscogsLogin.page("The sign-in could not be stored. Call auth_status again for a new link.", status: .internalServerError)
        }
        let principal = Principal(id: subject, kind: .oauth, displayName: account.username, scopes: Set(scopes))
        guard let binder = binderSlot.withLock({ $0 }), await binder(login.sessionID, principal) else {
            observer?.oauthFailure(OAuthFailure.loginLink)
            return DiscogsLogin.page("The MCP session this link belonged to has ended. Reconnect and call auth_status again.", status: .gone)
        }
        observer?.oauthEvent(.sessionLinked)
        let who = account.username.map { "as \(ConsentPage.escape($0))" } ?? ""
        return AuthorizeRoutes.html(
            ConsentPage.page(
                title: "Signed in", body: "<h1>Signed in \(who)</h1>\n<p>Your MCP session now uses your Discogs account. You can close this page and return to your assistant.</p>"
            ),
            status: .ok
        )
    }

    private func purge() {
        let cutoff = now()
        for (key, link) in links where link.expiresAt <= cutoff {
            links[key] = nil
            if bySession[link.sessionID] == key { bySession[link.sessionID] = nil }
        }
        for (key, value) in pending where value.expiresAt <= cutoff { pending[key] = nil }
    }

    /// Eight characters from an alphabet without look-alikes, as `ABCD-EFGH`.
    static func shortCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return String(characters[0..<4]) + "-" + String(characters[4...])
    }
}
