import Foundation

extension DiscogsError {
    /// Maps a non-2xx answer: `{"message", "detail"?}` JSON, text/plain (OAuth endpoints), or HTML.
    public init(response: DiscogsResponse) {
        let message = Self.message(in: response)
        let isHTML = (response[header: "content-type"] ?? "").contains("html") || response.text.lowercased().hasPrefix("<!doctype html")
        switch response.status {
        case 401:
            self = .unauthorized(message: message)
        case 403 where isHTML:
            // Cloudflare's challenge page, not Discogs' verdict on our credentials.
            self = .server(status: 403, message: "an edge page instead of an API answer")
        case 403:
            self = .forbidden(message: message)
        case 404:
            self = .notFound(message: message)
        case 429:
            self = .rateLimited(retryAfter: response.retryAfter ?? .seconds(60))
        case 500...:
            self = .server(status: response.status, message: message)
        case 300..<400:
            self = .server(status: response.status, message: "unexpected redirect")
        default:
            self = .validation(message: message ?? "HTTP \(response.status)")
        }
    }

    /// The human part of an error body, capped so an HTML page never floods a tool result.
    static func message(in response: DiscogsResponse) -> String? {
        struct Body: Decodable {
            struct Detail: Decodable {
                var msg: String?
                var loc: [LenientString]?
            }
            var message: String?
            var detail: [Detail]?
        }
        if let body = try? JSONDecoder().decode(Body.self, from: response.body) {
            if let detail = body.detail?.first, let text = detail.msg {
                let location = detail.loc?.map(\.value).joined(separator: ".")
                return location.map { "\(text) (\($0))" } ?? text
            }
            return body.message
        }
        let contentType = response[header: "content-type"] ?? ""
        let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !contentType.contains("html"), !text.hasPrefix("<") else { return nil }
        return String(text.prefix(300))
    }
}
