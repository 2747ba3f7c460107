import Crypto
import Foundation

/// Whom a call to Discogs acts as; passed per call because one process serves many users.
///
/// The consumer key and secret come from `DiscogsConfiguration`, not from here: they belong to
/// the application, while tokens belong to the users it serves.
public enum DiscogsCredential: Sendable, Hashable {
    /// Anonymous: 25 requests a minute, no images, no private data.
    case none
    /// The application's consumer key and secret (`Discogs key=, secret=`): 60 a minute, acts for nobody.
    case application
    /// A personal access token (`Discogs token=`): acts for the token's owner.
    case personalToken(String)
    /// An OAuth 1.0a access token and secret, signed with the application's consumer credentials.
    case oauth(token: String, secret: String)

    /// Whether Discogs counts the call against the authenticated (60) or anonymous (25) budget.
    public var isAuthenticated: Bool {
        if case .none = self { return false }
        return true
    }

    /// Whether the calls act for a particular Discogs user, whose private data answers may hold.
    public var actsForUser: Bool {
        switch self {
        case .personalToken, .oauth: true
        case .none, .application: false
        }
    }

    /// A stable, non-secret name for this credential, used to partition cached answers.
    ///
    /// A digest, never the token itself: cache rows and logs must not hand out credentials, yet two
    /// users must never share an entry that may hold private data.
    public var identity: String {
        switch self {
        case .none: "anonymous"
        case .application: "application"
        case .personalToken(let token): "token:" + Self.digest(token)
        case .oauth(let token, _): "oauth:" + Self.digest(token)
        }
    }

    private static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension DiscogsCredential: CustomStringConvertible {
    /// Redacted: a credential may end up in a log line or an error message.
    public var description: String {
        switch self {
        case .none: "anonymous"
        case .application: "application key"
        case .personalToken: "personal token (\(identity))"
        case .oauth: "OAuth user token (\(identity))"
        }
    }
}
