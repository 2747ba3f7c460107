import Crypto
import Foundation

/// A grant scope: what a principal may do with the Discogs account behind it.
public enum Scope: String, Sendable, CaseIterable, Codable, Comparable {
    case read
    case write
    case marketplace

    public static func < (lhs: Scope, rhs: Scope) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Who a request acts for.
///
/// Sessions, rate limits and the tool list all key on `id`, which is stable for the same
/// account and never contains a credential.
public struct Principal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// No credentials: sees only the public tools.
        case anonymous
        /// The operator's own Discogs personal access token (`DISCOGS_TOKEN`), for local use.
        case personalToken = "personal-token"
        /// A user who signed in through our OAuth server.
        case oauth
    }

    public var id: String
    public var kind: Kind
    public var displayName: String?
    public var scopes: Set<Scope>

    public init(id: String, kind: Kind, displayName: String? = nil, scopes: Set<Scope>) {
        self.id = id
        self.kind = kind
        self.displayName = displayName
        self.scopes = scopes
    }

    public static let anonymous = Principal(id: "anonymous", kind: .anonymous, scopes: [])

    /// The principal of a personal access token; its id is derived from a hash, never the token.
    public static func personalToken(_ token: String, username: String? = nil) -> Principal {
        let digest = SHA256.hash(data: Data("discogs-mcp personal token:\(token)".utf8))
        let fingerprint = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        return Principal(id: "personal:\(fingerprint)", kind: .personalToken, displayName: username, scopes: Set(Scope.allCases))
    }
}
