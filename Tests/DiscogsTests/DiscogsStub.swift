import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Storage
import TestSupport

@testable import Discogs

/// A minimal Hummingbird stand-in for Discogs, for transport-level tests: status codes, headers,
/// 429s, 5xx, held answers, and server-side verification of our OAuth signatures.
enum DiscogsStub {
    static let consumerKey = "ck123"
    static let consumerSecret = "cs789"
    /// Token → secret for the OAuth tokens the stub knows (request and access tokens).
    static let tokenSecrets = ["at456": "ts012", "rt111": "rts222"]

    /// Counts hits per path; `/held` answers only once the test has moved `clock` to the one-hour mark.
    actor Hits {
        nonisolated let clock = ManualClock()
        private var counts: [String: Int] = [:]
        func hit(_ path: String) -> Int {
            counts[path, default: 0] += 1
            return counts[path, default: 0]
        }
        func count(_ path: String) -> Int { counts[path, default: 0] }
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name("X-Discogs-Ratelimit")!] = "60"
        headers[HTTPField.Name("X-Discogs-Ratelimit-Used")!] = "1"
        headers[HTTPField.Name("X-Discogs-Ratelimit-Remaining")!] = "59"
        for field in extra { headers[field.name] = field.value }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(_ text: String, status: HTTPResponse.Status, contentType: String = "text/plain") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Checks an `Authorization: OAuth …` header the way Discogs does: recompute, compare.
    static func verifyOAuth(_ request: Request, form: [OAuthParameter] = []) -> (valid: Bool, parameters: [String: String]) {
        guard let header = request.headers[.authorization], header.hasPrefix("OAuth ") else { return (false, [:]) }
        var parameters: [String: String] = [:]
        for part in header.dropFirst(6).components(separatedBy: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            parameters[OAuthPercentEncoding.decode(pair[0])] = OAuthPercentEncoding.decode(
                pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            )
        }
        guard let signature = parameters["oauth_signature"], parameters["oauth_consumer_key"] == consumerKey,
            let method = OAuthSigner.SignatureMethod(rawValue: parameters["oauth_signature_method"] ?? ""),
            let nonce = parameters["oauth_nonce"], nonce.count <= 64,
            let url = URL(string: "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.description)")
        else { return (false, parameters) }
        let token = parameters["oauth_token"]
        let signer = OAuthSigner(
            consumerKey: consumerKey,
            consumerSecret: consumerSecret,
            token: token,
            tokenSecret: token.flatMap { tokenSecrets[$0] },
            method: method
        )
        let signed = parameters.filter { $0.key != "oauth_signature" && $0.key != "realm" }.map { OAuthParameter($0.key, $0.value) }
        let expected = signer.signature(
            httpMethod: request.method.rawValue,
            url: url,
            parameters: signed + OAuthSigner.queryParameters(of: url) + form
        )
        return (expected == signature, parameters)
    }

    /// Runs `body` against a live stub on a loopback port.
    static func run(_ body: @Sendable (_ port: Int, _ hits: Hits) async throws -> Void) async throws {
        let hits = Hits()
        let router = Router()
        router.get("/echo") { request, _ -> Response in
            _ = await hits.hit("/echo")
            let fields = [
                "user-agent": request.headers[.userAgent], "accept": request.headers[.accept], "authorization": request.headers[.authorization],
            ]
            let object = fields.compactMapValues { $0 }
            let data = try JSONEncoder().encode(object)
            return json(String(decoding: data, as: UTF8.self), headers: [HTTPField.Name("X-Discogs-Ratelimit-Remaining")!: "5"])
        }
        router.get("/users/:user/collection/folders/:folder/releases") { request, _ -> Response in
            _ = await hits.hit(request.uri.path)
            let check = verifyOAuth(request)
            guard check.valid else {
                return json(
                    #"{"message":"You are not allowed to view this resource. Please authenticate as the owner to view this content."}"#,
                    status: .forbidden
                )
            }
            return json(#"{"pagination":{"page":2,"pages":3,"items":250,"per_page":100,"urls":{}},"releases":[]}"#)
        }
        router.get("/status/:code") { request, context -> Response in
            let code = try context.parameters.require("code", as: Int.self)
            switch code {
            case 401: return json(#"{"message":"You must authenticate to access this resource."}"#, status: .unauthorized)
            case 403: return json(#"{"message":"You don't have permission to access this resource."}"#, status: .forbidden)
            case 404: return json(#"{"message":"Release not found."}"#, status: .notFound)
            case 422:
                return json(
                    #"{"message":"See \"detail\" for validation errors.","detail":[{"loc":["body","value"],"msg":"value is not a valid option","type":"x"}]}"#,
                    status: .unprocessableContent
                )
            case 500: return json(#"{"message":"Query time exceeded. Please try a simpler query."}"#, status: .internalServerError)
            case 503: return text("<!DOCTYPE html><html>Attention Required! | Cloudflare</html>", status: .forbidden, contentType: "text/html")
            case 302: return Response(status: .found, headers: [.location: "/echo"])
            default: return json(#"{"message":"Invalid JSON"#, status: .ok)
            }
        }
        router.get("/flaky") { _, _ -> Response in
            let count = await hits.hit("/flaky")
            return count < 3 ? json(#"{"message":"An internal server error occurred."}"#, status: .serviceUnavailable) : json(#"{"ok":true}"#)
        }
        router.post("/flaky") { _, _ -> Response in
            _ = await hits.hit("POST /flaky")
            return json(#"{"message":"An internal server error occurred."}"#, status: .serviceUnavailable)
        }
        router.get("/limited") { _, _ -> Response in
            _ = await hits.hit("/limited")
            return json(#"{"message":"You are making requests too quickly."}"#, status: .tooManyRequests)
        }
        router.get("/held") { request, _ -> Response in
            _ = await hits.hit(request.uri.path)
            try await hits.clock.sleep(until: ManualClock.Instant(offset: .seconds(3600)), tolerance: nil)
            return json(#"{"id":1,"title":"Held"}"#)
        }
        router.get("/releases/:id") { request, _ -> Response in
            _ = await hits.hit(request.uri.path)
            return json(#"{"id":1,"title":"Cached","year":1997,"lowest_price":12.5}"#)
        }
        router.get("/users/:user/collection/folders") { request, _ -> Response in
            _ = await hits.hit("GET " + request.uri.path)
            return json(#"{"folders":[{"id":0,"name":"All","count":2},{"id":1,"name":"Uncategorized","count":2}]}"#)
        }
        router.post("/users/:user/collection/folders") { request, _ -> Response in
            _ = await hits.hit("POST " + request.uri.path)
            return json(#"{"id":7,"name":"New","count":0}"#, status: .created)
        }
        router.get("/oauth/request_token") { request, _ -> Response in
            let check = verifyOAuth(request)
            guard check.valid, check.parameters["oauth_token"] == nil, check.parameters["oauth_callback"] == "https://host.test/discogs/callback"
            else {
                return text("Invalid consumer.", status: .unauthorized)
            }
            return text(
                "oauth_token=rt111&oauth_token_secret=rts222&oauth_callback_confirmed=true",
                status: .ok,
                contentType: "application/x-www-form-urlencoded"
            )
        }
        router.post("/oauth/access_token") { request, _ -> Response in
            let check = verifyOAuth(request)
            guard check.valid, check.parameters["oauth_token"] == "rt111", check.parameters["oauth_verifier"] == "ver333" else {
                return text("Invalid or expired request token.", status: .unauthorized)
            }
            return text("oauth_token=at456&oauth_token_secret=ts012", status: .ok)
        }
        router.get("/oauth/identity") { request, _ -> Response in
            guard verifyOAuth(request).valid else {
                return json(#"{"message":"You must authenticate to access this resource."}"#, status: .unauthorized)
            }
            return json(#"{"id":1,"username":"alice","resource_url":"https://api.discogs.com/users/alice","consumer_name":"Tests"}"#)
        }
        var logger = Logger(label: "discogs-stub")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in
            try await body(client.port ?? 0, hits)
        }
    }

    static func configuration(port: Int, requestTimeout: Duration = .seconds(5)) -> DiscogsConfiguration {
        DiscogsConfiguration(
            apiURL: URL(string: "http://127.0.0.1:\(port)")!,
            webURL: URL(string: "http://127.0.0.1:\(port)/web")!,
            userAgent: "DiscogsMCPTests/1.0 +https://example.test",
            consumerKey: consumerKey,
            consumerSecret: consumerSecret,
            requestTimeout: requestTimeout,
            retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))
        )
    }

    /// A client for one test, shut down afterwards. Most tests only assert inside `body`.
    @discardableResult
    static func withClient<T: Sendable>(
        _ configuration: DiscogsConfiguration,
        cache: (any ResponseCacheRepository)? = nil,
        observer: (any DiscogsClientObserver)? = nil,
        _ body: (DiscogsClient) async throws -> T
    ) async throws -> T {
        let client = DiscogsClient(configuration: configuration, cache: cache, observer: observer)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
