import Foundation

/// The compressed content codings the server sends (RFC 9110 §8.4.1): gzip, and deflate (the zlib format).
public enum ContentCoding: String, Sendable {
    case gzip
    case deflate

    /// The coding to answer with for a request's `Accept-Encoding`, or nil for identity.
    ///
    /// gzip is preferred over deflate at equal weight (deflate has a history of clients that
    /// expected raw deflate); `q=0` refuses a coding, `*` stands for the codings not named.
    public static func negotiate(_ acceptEncoding: String?) -> ContentCoding? {
        guard let acceptEncoding, !acceptEncoding.isEmpty else { return nil }
        var weights: [String: Double] = [:]
        for item in acceptEncoding.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first?.lowercased(), !name.isEmpty else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            weights[name] = weight
        }
        func weight(_ coding: ContentCoding) -> Double {
            weights[coding.rawValue] ?? (coding == .gzip ? weights["x-gzip"] : nil) ?? weights["*"] ?? 0
        }
        let best = [ContentCoding.gzip, .deflate].max { weight($0) < weight($1) }
        guard let best, weight(best) > 0 else { return nil }
        return best
    }
}
