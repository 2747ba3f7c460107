import Foundation
import Hummingbird

/// Reading parameters of a request: query items, and write parameters from JSON, form or query.
extension Request {
    var queryItems: [(String, String)] { OAuthSignature.parseForm(uri.query ?? "") }

    func query(_ name: String) -> String? { queryItems.first { $0.0 == name }?.1 }

    /// Write parameters: a JSON object body, a form body, and the query string (Discogs API documentation, "User Collection" and "Marketplace": both work).
    mutating func writeParameters(context: FakeDiscogsContext) async throws -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in queryItems { result[name] = value }
        for (name, value) in context.formItems { result[name] = value }
        let buffer = try await collectBody(upTo: 1 << 20)
        guard buffer.readableBytes > 0, headers[.contentType]?.contains("json") ?? true else { return result }
        guard let body = try? FakeJSON.parse(Data(buffer.readableBytesView)) else {
            throw FakeDiscogsError(400, "The request body is not valid JSON.")
        }
        guard case let .object(pairs) = body else { return result }
        for (key, value) in pairs {
            if let string = value.parameterString { result[key] = string }
        }
        return result
    }
}
