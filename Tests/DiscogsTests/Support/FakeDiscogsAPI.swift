import Discogs
import Foundation

/// A `DiscogsAPI` that answers from a closure and records every call, for tests of the typed
/// endpoints and model decoding without any HTTP.
///
/// The penny-bot pattern; the full fake Discogs server (DiscogsSandbox) covers the wire, and the
/// tool and OAuth tests use it. Lives with the tests so no production target ships a fake.
public actor FakeDiscogsAPI: DiscogsAPI {
    public typealias Handler = @Sendable (DiscogsRequest, DiscogsCredential) async throws -> DiscogsResponse

    /// Every `send`, in order.
    public private(set) var requests: [(request: DiscogsRequest, credential: DiscogsCredential)] = []
    private var handler: Handler
    private let webURL: URL
    public var requestTokenAnswer = OAuthTokenPair(token: "request-token", secret: "request-secret", callbackConfirmed: true)
    public var accessTokenAnswer = OAuthTokenPair(token: "access-token", secret: "access-secret")

    public init(
        webURL: URL = DiscogsConfiguration.defaultWebURL,
        handler: @escaping Handler = { request, _ in
            throw DiscogsError.notFound(message: "no fake answer for \(request.method.rawValue) \(request.pathAndQuery)")
        }
    ) {
        self.webURL = webURL
        self.handler = handler
    }

    /// Replaces the answering closure.
    public func setHandler(_ handler: @escaping Handler) {
        self.handler = handler
    }

    public func send(_ request: DiscogsRequest, as credential: DiscogsCredential) async throws -> DiscogsResponse {
        requests.append((request, credential))
        let response = try await handler(request, credential)
        guard response.status < 300 else { throw DiscogsError(response: response) }
        return response
    }

    public func requestToken(callback: URL?) async throws -> OAuthTokenPair { requestTokenAnswer }

    public func accessToken(requestToken: String, secret: String, verifier: String) async throws -> OAuthTokenPair {
        guard requestToken == requestTokenAnswer.token, secret == requestTokenAnswer.secret else {
            throw DiscogsError.unauthorized(message: "Invalid request token.")
        }
        return accessTokenAnswer
    }

    public nonisolated func authorizeURL(requestToken: String) -> URL {
        DiscogsConfiguration(webURL: webURL, userAgent: "fake").authorizeURL(requestToken: requestToken)
    }

    /// A JSON answer, for handlers.
    public static func json(_ text: String, status: Int = 200) -> DiscogsResponse {
        DiscogsResponse(status: status, headers: ["content-type": "application/json"], body: Data(text.utf8))
    }
}
