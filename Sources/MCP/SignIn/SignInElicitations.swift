import Foundation

/// A one-time sign-in link for an anonymous session and the code the person types on its page.
public struct SignInLink: Sendable, Hashable {
    public var url: String
    public var code: String
    /// How long the link works.
    public var lifetime: Duration

    public init(url: String, code: String, lifetime: Duration) {
        self.url = url
        self.code = code
        self.lifetime = lifetime
    }
}

/// Hands out sign-in links bound to one anonymous session (the login links of `Auth`).
public protocol SignInLinkIssuer: Sendable {
    /// A fresh link for `sessionID`; an earlier unused link of that session stops working.
    func signInLink(sessionID: String) async -> SignInLink?
}

/// Sign-in offered by URL elicitation: the link issuer, how long to wait for the client's answer,
/// and which sessions were already asked.
public struct SignInElicitation: Sendable {
    public let issuer: any SignInLinkIssuer
    public let answerTimeout: Duration
    let asked: SignInElicitations

    /// Sign-in elicitation whose remembered links expire on the process's continuous clock.
    public init(issuer: any SignInLinkIssuer, answerTimeout: Duration = .seconds(120)) {
        self.init(issuer: issuer, answerTimeout: answerTimeout, clock: ContinuousClock())
    }

    /// Sign-in elicitation whose remembered links expire on `clock` (the login links' own clock).
    public init<C: Clock>(issuer: any SignInLinkIssuer, answerTimeout: Duration = .seconds(120), clock: C) where C.Duration == Duration {
        self.issuer = issuer
        self.answerTimeout = answerTimeout
        let origin = clock.now
        self.asked = SignInElicitations(elapsed: { origin.duration(to: clock.now) })
    }
}

/// The sessions that were asked to sign in by URL elicitation and have not finished yet.
///
/// One elicitation per session while its link works: later calls get the same link in text
/// rather than a new prompt (and a new link, which would void the one the person may be using).
actor SignInElicitations {
    struct Asked {
        /// Nil while the first call is still issuing the link.
        var link: SignInLink?
        var elicitationID: String?
        /// On the injected clock: how long after its origin the entry lapses.
        var expiresAt: Duration
        /// Where `notifications/elicitation/complete` goes once the sign-in completes.
        var sink: (any MessageSink)?
    }

    enum Claim: Sendable {
        /// Nobody asked this session yet (or its link expired): this call asks.
        case ask
        /// Already asked; the link is nil while that first call is still issuing it.
        case asked(SignInLink?)
    }

    private var sessions: [String: Asked] = [:]
    /// Time on the injected clock since its origin.
    private let now: @Sendable () -> Duration
    /// How long a claim holds before its link is recorded (issuing a link is a database write).
    private let issuing: Duration = .seconds(30)

    init(elapsed: @escaping @Sendable () -> Duration) {
        self.now = elapsed
    }

    func claim(_ session: String) -> Claim {
        let current = now()
        sessions = sessions.filter { $0.value.expiresAt > current }
        if let asked = sessions[session] { return .asked(asked.link) }
        sessions[session] = Asked(expiresAt: current + issuing)
        return .ask
    }

    func record(_ session: String, link: SignInLink, elicitationID: String, sink: any MessageSink) {
        sessions[session] = Asked(link: link, elicitationID: elicitationID, expiresAt: now() + link.lifetime, sink: sink)
    }

    /// Drops a claim whose link could not be issued, so a later call may try again.
    func release(_ session: String) {
        if sessions[session]?.link == nil { sessions[session] = nil }
    }

    /// The session signed in: forget it, returning the elicitation to report complete.
    func complete(_ session: String) -> (elicitationID: String, sink: any MessageSink)? {
        guard let asked = sessions.removeValue(forKey: session), let id = asked.elicitationID, let sink = asked.sink else { return nil }
        return (id, sink)
    }
}
