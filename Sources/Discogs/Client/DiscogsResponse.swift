import Foundation

/// A Discogs answer: status, the headers we read, the body bytes.
public struct DiscogsResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lowercased; Discogs sends each of the ones we read once.
    public var headers: [String: String]
    public var body: Data
    /// True when this answer came from the response cache rather than the network.
    public var fromCache: Bool
    /// When the response cache stops serving this answer (set for cached and freshly cached reads).
    public var cacheExpiresAt: Date?

    public init(status: Int, headers: [String: String] = [:], body: Data = Data(), fromCache: Bool = false) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
        self.fromCache = fromCache
    }

    public subscript(header name: String) -> String? { headers[name.lowercased()] }

    /// The `X-Discogs-Ratelimit*` trio, when present.
    public var rateLimit: RateLimitSnapshot? { RateLimitSnapshot(headers: headers) }

    /// `Retry-After` in seconds, which Discogs rarely sends; capped at an hour so that a wild value
    /// can neither overflow the governor's clock arithmetic nor silence the server for days.
    public var retryAfter: Duration? {
        guard let text = self[header: "retry-after"], let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(min(seconds, Self.maximumRetryAfterSeconds))
    }

    static let maximumRetryAfterSeconds = 3_600

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Discogs' keys are snake_case; models use Swift names.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// Decodes the body as JSON, mapping failures to `DiscogsError.malformedBody`.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try Self.decoder.decode(T.self, from: body)
        } catch let error as DecodingError {
            throw DiscogsError.malformedBody("\(T.self): \(Self.summary(error))")
        } catch {
            throw DiscogsError.malformedBody("\(T.self): \(error)")
        }
    }

    private static func summary(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "unexpected value at \(path(context))"
        case .dataCorrupted(let context): return "not JSON (\(context.debugDescription))"
        @unknown default: return "\(error)"
        }
    }
}

/// What Discogs said about our budget on one response.
public struct RateLimitSnapshot: Sendable, Hashable {
    /// Requests allowed per moving minute (60 or 25).
    public var limit: Int
    public var used: Int?
    public var remaining: Int

    public init(limit: Int, used: Int?, remaining: Int) {
        self.limit = limit
        self.used = used
        self.remaining = remaining
    }

    init?(headers: [String: String]) {
        guard let limit = headers["x-discogs-ratelimit"].flatMap({ Int($0) }),
            let remaining = headers["x-discogs-ratelimit-remaining"].flatMap({ Int($0) })
        else { return nil }
        self.init(limit: limit, used: headers["x-discogs-ratelimit-used"].flatMap { Int($0) }, remaining: remaining)
    }
}
