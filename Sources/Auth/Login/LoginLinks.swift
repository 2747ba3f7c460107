import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Locking
import Storage

/// Sign-in links for anonymous legacy SSE sessions (clients without OAuth).
///
/// `auth_status` hands out a link bound to its session plus a short code. Because whoever holds
/// the link can send it to someone else (login-link phishing, issue 14), the link's page warns
/// plainly, shows which client asked for it, when and from which address, and does not show the
/// code: the person must type the code their own app shows. Only that, from the browser that
/// loaded the page (CSRF-checked), starts the Discogs login; the session then gets `read` unless
/// the person ticked more. Links are single use and live at most ten minutes. One instance keeps
/// them in memory (the SSE sessions they point to end with the process anyway); a fleet keeps
/// them in its database (`FleetLoginLinkState`), since the link's page may land on any instance.
public actor LoginLinks {
    public static let cookieName = "__Host-dmcp-link"
    public static let pathPrefix = "/login/"
    /// Wrong codes a link survives before it stops working (the code has 40 bits; this is for typos).
    public static let maximumCodeAttempts = 5

    public struct Link: Sendable, Hashable, Codable {
        public var sessionID: String
        public var code: String
        public var expiresAt: Date
        /// When and from where the link was asked for, and by which client: shown on its page.
        public var createdAt: Date
        public var origin: LinkOrigin
        var failedAttempts = 0
    }

    /// Who asked for a link: the MCP client's self-declared name and the requesting address.
    public struct LinkOrigin: Sendable, Hashable, Codable {
        public var clientName: String?
        public var address: String?

        public init(clientName: String?, address: String?) {
            self.clientName = clientName
            self.address = address
        }
    }

    public struct Pending: Sendable, Codable {
        var sessionID: String
        var requestToken: String
        var requestSecret: String
        public var expiresAt: Date
        var scopes: Set<Scope>
    }

    /// Rebinds session `sessionID` to `principal`; false when the session is gone or not anonymous.
    public typealias Binder = @Sendable (_ sessionID: String, _ principal: Principal) async -> Bool
    /// Describes who asked for a link on session `sessionID` (client name, address).
    public typealias OriginLookup = @Sendable (_ sessionID: String) async -> LinkOrigin

    public let base: String
    /// What the link's page offers; only `read` is ticked by default there.
    public let scopes: [Scope]
    public let lifetime: TimeInterval
    /// Discogs request tokens live 15 minutes.
    public let pendingLifetime: TimeInterval = 900
    /// Links by token digest, each session's live link, and sign-ins waiting on Discogs.
    private let state: any LoginLinkState
    /// Set once by the composition root after the session registry exists.
    private let binderSlot = Locked<Binder?>(nil)
    private let originSlot = Locked<OriginLookup?>(nil)
    /// Dates links and pending logins (and what the composition root remembers of them); tests move it by hand.
    public nonisolated let clock: ServerClock

    public init(
        base: String,
        scopes: [Scope],
        lifetime: TimeInterval = 600,
        state: any LoginLinkState = MemoryLoginLinkState(),
        clock: ServerClock = .continuous
    ) {
        self.state = state
        self.base = base
        self.scopes = scopes
        self.lifetime = min(lifetime, 600)
        self.clock = clock
    }

    private func now() -> Date { clock.date }

    public nonisolated func setOriginLookup(_ lookup: @escaping OriginLookup) {
        originSlot.withLock { $0 = lookup }
    }

    public nonisolated func setBinder(_ binder: @escaping Binder) {
        binderSlot.withLock { $0 = binder }
    }

    /// A fresh link for `sessionID`; an earlier unused link of the same session stops working.
    public func issue(sessionID: String) async -> (url: String, code: String) {
        let lookup = originSlot.withLock { $0 }
        let origin = await lookup?(sessionID) ?? LinkOrigin(clientName: nil, address: nil)
        let created = now()
        await state.purge(now: created)
        if let old = await state.sessionLink(sessionID) { _ = await state.takeLink(old) }
        let token = OpaqueToken.generate(prefix: "ln_")
        let code = Self.shortCode()
        let key = OpaqueToken.digest(token)
        let link = Link(sessionID: sessionID, code: code, expiresAt: created.addingTimeInterval(lifetime), createdAt: created, origin: origin)
        await state.putLink(key, link)
        await state.putSessionLink(sessionID, key: key, expiresAt: link.expiresAt)
        return (base + Self.pathPrefix + token, code)
    }

    /// The live link for a token, without spending it (its page describes it).
    public func peek(_ token: String) async -> Link? {
        guard let link = await state.link(OpaqueToken.digest(token)), now() < link.expiresAt else { return nil }
        return link
    }

    /// What a typed code did to a link.
    public enum Claim: Sendable, Equatable {
        /// Right code: the link is spent and its session may be signed in.
        case claimed(Link)
        /// Wrong code: the link still works for `remaining` more tries.
        case wrongCode(remaining: Int)
        /// Unknown, used, expired, or out of tries.
        case gone
    }

    /// Spends a link when `typedCode` is its code (case, spaces and dashes ignored).
    public func claim(_ token: String, typedCode: String?) async -> Claim {
        let key = OpaqueToken.digest(token)
        guard var link = await state.link(key), now() < link.expiresAt else {
            _ = await state.takeLink(key)
            return .gone
        }
        guard ConstantTime.equal(Self.normalize(typedCode ?? ""), Self.normalize(link.code)) else {
            link.failedAttempts += 1
            if link.failedAttempts >= Self.maximumCodeAttempts {
                _ = await state.takeLink(key)
                await state.removeSessionLink(link.sessionID, ifKey: key)
                return .gone
            }
            await state.putLink(key, link)
            return .wrongCode(remaining: Self.maximumCodeAttempts - link.failedAttempts)
        }
        // Taken, not just read: of two instances claiming at once, one wins.
        guard await state.takeLink(key) != nil else { return .gone }
        await state.removeSessionLink(link.sessionID, ifKey: key)
        return .claimed(link)
    }

    /// Spends a link without a code: the person chose Deny.
    public func discard(_ token: String) async {
        let key = OpaqueToken.digest(token)
        guard let link = await state.takeLink(key) else { return }
        await state.removeSessionLink(link.sessionID, ifKey: key)
    }

    static func normalize(_ code: String) -> String {
        String(code.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Records the Discogs request token the claimed link now waits on; returns the cookie nonce.
    func beginPending(sessionID: String, requestToken: String, requestSecret: String, scopes: Set<Scope>) async -> String {
        let nonce = OpaqueToken.generate(prefix: "")
        let login = Pending(
            sessionID: sessionID,
            requestToken: requestToken,
            requestSecret: requestSecret,
            expiresAt: now().addingTimeInterval(pendingLifetime),
            scopes: scopes
        )
        await state.putPending(OpaqueToken.digest(nonce), login)
        return nonce
    }

    /// Consumes the pending login of this browser (cookie nonce) if it waits on `requestToken`.
    func completePending(nonce: String, requestToken: String) async -> Pending? {
        let key = OpaqueToken.digest(nonce)
        guard let found = await state.pending(key), ConstantTime.equal(found.requestToken, requestToken),
            await state.takePending(key) != nil
        else { return nil }
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
        let principal = Principal(id: subject, kind: .oauth, displayName: account.username, scopes: login.scopes)
        guard let binder = binderSlot.withLock({ $0 }), await binder(login.sessionID, principal) else {
            observer?.oauthFailure(OAuthFailure.loginLink)
            return DiscogsLogin.page("The MCP session this link belonged to has ended. Reconnect and call auth_status again.", status: .gone)
        }
        observer?.oauthEvent(.sessionLinked)
        let who = account.username.map { "as \(ConsentPage.escape($0))" } ?? ""
        return AuthorizeRoutes.html(
            ConsentPage.page(
                title: "Signed in",
                body:
                    "<h1>Signed in \(who)</h1>\n<p>Your MCP session now uses your Discogs account. You can close this page and return to your assistant.</p>"
            ),
            status: .ok
        )
    }

    /// Eight characters from an alphabet without look-alikes, as `ABCD-EFGH`.
    static func shortCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return String(characters[0..<4]) + "-" + String(characters[4...])
    }
}
