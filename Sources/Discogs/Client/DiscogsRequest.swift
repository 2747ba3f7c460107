import Foundation

/// One call to the Discogs API, before authentication is added.
///
/// A plain value so the governor can queue it, the coalescer can key it, the cache can name it and
/// a fake can answer it, all without knowing how it will be sent.
public struct DiscogsRequest: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    /// A request body; JSON bodies are not part of an OAuth signature, form bodies are.
    public enum Body: Sendable, Hashable {
        case json(Data)
        case form([OAuthParameter])
    }

    public var method: Method
    /// The path below the API root, starting with `/`, unencoded segments already escaped by the builder.
    public var path: String
    public var query: [OAuthParameter]
    public var body: Body?
    public var priority: RequestPriority
    /// How long the caller is prepared to wait for a slot in the rate budget.
    public var maxWait: Duration
    /// How to cache the answer; `nil` for writes and anything that must be fresh.
    public var cacheKind: CacheKind?
    /// Path prefixes whose cached answers a successful write makes stale.
    public var invalidates: [String]

    public init(
        _ method: Method = .get,
        _ path: String,
        query: [OAuthParameter] = [],
        body: Body? = nil,
        priority: RequestPriority = .interactive,
        maxWait: Duration? = nil,
        cacheKind: CacheKind? = nil,
        invalidates: [String] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.priority = priority
        self.maxWait = maxWait ?? priority.defaultMaxWait
        self.cacheKind = cacheKind
        self.invalidates = invalidates
    }

    /// GETs are safe to retry, coalesce and cache.
    public var isIdempotentRead: Bool { method == .get }

    /// `path?query` with RFC 3986 encoding, the exact text that is both sent and signed.
    public var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(OAuthPercentEncoding.encode($0.name))=\(OAuthPercentEncoding.encode($0.value))" }.joined(separator: "&")
    }

    /// Encodes a value as JSON for a write body.
    public static func jsonBody(_ value: some Encodable & Sendable) throws -> Body {
        try .json(JSONEncoder().encode(value))
    }

    /// Builds a query list from optional values, dropping the absent ones.
    public static func query(_ pairs: [(String, String?)]) -> [OAuthParameter] {
        pairs.compactMap { name, value in value.map { OAuthParameter(name, $0) } }
    }
}

/// Which callers go first when the rate budget is short.
public enum RequestPriority: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// A person (through a model) is waiting for this answer.
    case interactive = 0
    /// Collection sync and refreshes: can wait, and leaves headroom for interactive calls.
    case background = 1

    public static func < (lhs: RequestPriority, rhs: RequestPriority) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A person gives up after half a minute; background work waits out a full 429 pause.
    public var defaultMaxWait: Duration {
        switch self {
        case .interactive: .seconds(30)
        case .background: .seconds(15 * 60)
        }
    }
}

/// Path segments go into URLs percent-encoded so a username like `a b/c` cannot change the path.
extension String {
    var pathSegment: String { OAuthPercentEncoding.encode(self) }
}
