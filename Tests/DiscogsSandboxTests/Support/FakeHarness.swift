import AsyncHTTPClient
import DiscogsSandbox
import Foundation
import NIOCore
import NIOHTTP1

/// A fake Discogs on an ephemeral port plus a small HTTP client for it.
struct FakeHarness {
    let server: FakeDiscogsServer
    var state: FakeDiscogsState { server.state }
    var base: String { server.baseURL }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first(name: name) }
        func int(_ name: String) -> Int? { header(name).flatMap { Int($0) } }
    }

    /// A client that does not follow redirects, so tests can read the authorize page's `Location`.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    static let userAgent = "DiscogsSandboxTests/1.0 +https://example.invalid"

    /// Starts a fake with a sample account, runs `body`, then stops it.
    static func with<T>(
        _ options: SampleAccount.Options = SampleAccount.Options(collectionSize: 120, wantlistSize: 12),
        configuration: FakeDiscogsConfiguration = FakeDiscogsConfiguration(),
        behaviour: FakeBehaviour = FakeBehaviour(),
        _ body: (FakeHarness) async throws -> T
    ) async throws -> T {
        let state = FakeDiscogsState(sample: SampleAccount.generate(options), behaviour: behaviour)
        let server = try await FakeDiscogsServer.start(state: state, configuration: configuration)
        do {
            let result = try await body(FakeHarness(server: server))
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Sends a request; `headers` are added after the default User-Agent (pass `("User-Agent", "")` to drop it).
    func send(
        _ method: String = "GET",
        _ path: String,
        headers: [(String, String)] = [],
        body: String? = nil,
        contentType: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : base + path)
        request.method = HTTPMethod(rawValue: method)
        if !headers.contains(where: { $0.0.lowercased() == "user-agent" }) { request.headers.add(name: "User-Agent", value: Self.userAgent) }
        for (name, value) in headers where !value.isEmpty { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            request.headers.add(name: "Content-Type", value: contentType ?? "application/json")
        }
        let response = try await Self.client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 24)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
    }

    func get(_ path: String, token: String? = SampleAccount.personalToken) async throws -> Reply {
        try await send("GET", path, headers: token.map { [("Authorization", "Discogs token=\($0)")] } ?? [])
    }

    var user: String { "sandbox_collector" }
}

/// Builds OAuth 1.0a Authorization headers for tests, independently of the fake's own verifier.
enum TestOAuth {
    static func header(_ parameters: [(String, String)]) -> String {
        "OAuth " + parameters.map { "\(OAuthSignature.percentEncode($0.0))=\"\(OAuthSignature.percentEncode($0.1))\"" }.joined(separator: ", ")
    }

    /// A signed HMAC-SHA1 header for `method url` with `extra` (query or form) parameters.
    static func hmacHeader(
        method: String,
        uri: String,
        query: [(String, String)],
        consumer: (String, String),
        token: (String, String)?,
        nonce: String = "3f9c1d2e7a",
        timestamp: String = "1767225600",
        additional: [(String, String)] = []
    ) -> String {
        var oauth: [(String, String)] =
            [
                ("oauth_consumer_key", consumer.0), ("oauth_nonce", nonce), ("oauth_signature_method", "HMAC-SHA1"),
                ("oauth_timestamp", timestamp), ("oauth_version", "1.0"),
            ] + additional
        if let token { oauth.append(("oauth_token", token.0)) }
        let base = OAuthSignature.baseString(method: method, uri: uri, parameters: oauth + query)
        let signature = OAuthSignature.hmacSHA1(baseString: base, consumerSecret: consumer.1, tokenSecret: token?.1 ?? "")
        return header(oauth + [("oauth_signature", signature)])
    }
}
