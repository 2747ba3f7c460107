import Foundation

extension DiscogsAPI {
    /// A GET decoded as `T`.
    func get<T: Decodable & Sendable>(
        _ path: String,
        query: [(String, String?)] = [],
        cache: CacheKind?,
        priority: RequestPriority = .interactive,
        as credential: DiscogsCredential
    ) async throws -> T {
        let request = DiscogsRequest(.get, path, query: DiscogsRequest.query(query), priority: priority, cacheKind: cache)
        return try await fetch(request, as: credential)
    }

    /// A write with an optional JSON body; returns the raw answer (often 204).
    @discardableResult
    func write(
        _ method: DiscogsRequest.Method,
        _ path: String,
        json: [String: JSONBodyValue]? = nil,
        invalidates: [String] = [],
        as credential: DiscogsCredential
    ) async throws -> DiscogsResponse {
        let body = try json.map { try DiscogsRequest.jsonBody($0) }
        return try await send(DiscogsRequest(method, path, body: body, invalidates: invalidates), as: credential)
    }

    /// Page and per-page pairs, clamped to Discogs' 1…100.
    static func paging(_ page: Int, _ perPage: Int) -> [(String, String?)] {
        [("page", String(max(1, page))), ("per_page", String(min(max(1, perPage), 100)))]
    }
}

/// A JSON scalar for write bodies (Discogs takes strings, numbers and booleans).
public enum JSONBodyValue: Encodable, Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}
