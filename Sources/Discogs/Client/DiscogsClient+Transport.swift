import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Storage

extension DiscogsClient {
    /// How a request is authenticated: a caller's credential, or the OAuth login steps' own signer.
    enum Authorization: Sendable {
        case credential(DiscogsCredential)
        case oauthLogin(OAuthSigner, extra: [OAuthParameter])

        var isAuthenticated: Bool {
            switch self {
            case .credential(let credential): credential.isAuthenticated
            case .oauthLogin: true
            }
        }
    }

    /// One call with the governor's permission, retried (GETs only) on 5xx and dropped connections.
    func perform(_ request: DiscogsRequest, authorization: Authorization) async throws -> DiscogsResponse {
        let clock = self.clock
        let giveUpAt = clock.now.advanced(by: request.maxWait)
        let attempts = request.isIdempotentRead ? configuration.retry.maxAttempts : 1
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            let result = try await attemptOnce(request, authorization: authorization, giveUpAt: giveUpAt, clock: clock)
            switch result {
            case .success(let response):
                return response
            case .failure(.rateLimited(let retryAfter)):
                // The governor now pauses everyone; a read may wait the pause out within its deadline.
                logger.warning("Discogs answered 429", metadata: ["path": "\(request.path)"])
                guard request.isIdempotentRead, attempt < attempts else {
                    throw DiscogsError.rateLimited(retryAfter: await pauseRemaining() ?? retryAfter)
                }
            case .failure(let error):
                guard attempt < attempts, Self.isRetryable(error) else { throw error }
                let delay = configuration.retry.delay(beforeRetry: attempt, using: &generator)
                logger.info("retrying Discogs call", metadata: ["path": "\(request.path)", "error": "\(error)", "delay": "\(delay)"])
                try await clock.sleep(for: delay)
            }
            attempt += 1
        }
    }

    /// One attempt within the deadline: the governor's permit (and the fleet's slot), the request,
    /// and its outcome reported to the governor and the observer. Throws when no permit or fleet slot came in time.
    private func attemptOnce(
        _ request: DiscogsRequest,
        authorization: Authorization,
        giveUpAt: ServerClock.Instant,
        clock: ServerClock
    ) async throws -> Result<DiscogsResponse, DiscogsError> {
        let maxWait = max(clock.now.duration(to: giveUpAt), .zero)
        let asked = clock.now
        let permit = try await governor.acquire(priority: request.priority, authenticated: authorization.isAuthenticated, maxWait: maxWait)
        do {
            try await takeFleetSlot(priority: request.priority, authenticated: authorization.isAuthenticated, giveUpAt: giveUpAt)
        } catch {
            await governor.complete(permit, outcome: .noAnswer)
            throw error
        }
        let sent = clock.now
        observer?.governorWaited(sent - asked, priority: request.priority)
        do {
            let response = try await execute(request, authorization: authorization)
            await governor.complete(permit, outcome: Self.outcome(of: response))
            observer?.upstreamRequest(
                endpoint: request.endpointTemplate,
                method: request.method.rawValue,
                status: response.status,
                duration: clock.now - sent
            )
            observer?.upstreamBudget(
                limit: response.headers["x-discogs-ratelimit"].flatMap(Int.init),
                remaining: response.headers["x-discogs-ratelimit-remaining"].flatMap(Int.init)
            )
            return response.status < 300 ? .success(response) : .failure(DiscogsError(response: response))
        } catch {
            await governor.complete(permit, outcome: .noAnswer)
            observer?.upstreamRequest(endpoint: request.endpointTemplate, method: request.method.rawValue, status: nil, duration: clock.now - sent)
            return .failure(Self.classify(error))
        }
    }

    private func pauseRemaining() async -> Duration? {
        guard let until = await governor.status().pausedUntil else { return nil }
        return max(clock.now.duration(to: until), .seconds(1))
    }

    /// Sends the bytes: URL, headers, signature, body, deadline.
    func execute(_ request: DiscogsRequest, authorization: Authorization) async throws -> DiscogsResponse {
        let base =
            configuration.apiURL.absoluteString.hasSuffix("/")
            ? String(configuration.apiURL.absoluteString.dropLast()) : configuration.apiURL.absoluteString
        let urlText = base + request.pathAndQuery
        guard let url = URL(string: urlText) else { throw DiscogsError.transport("invalid URL \(urlText)") }
        var http = HTTPClientRequest(url: urlText)
        http.method = HTTPMethod(rawValue: request.method.rawValue)
        http.headers.add(name: "User-Agent", value: configuration.userAgent)
        http.headers.add(name: "Accept", value: "application/vnd.discogs.v2.discogs+json")
        var formParameters: [OAuthParameter] = []
        switch request.body {
        case .json(let data):
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: data))
        case .form(let pairs):
            formParameters = pairs
            let text = pairs.map { "\(OAuthPercentEncoding.encode($0.name))=\(OAuthPercentEncoding.encode($0.value))" }.joined(separator: "&")
            http.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            http.body = .bytes(ByteBuffer(string: text))
        case nil:
            if case .oauthLogin = authorization {
                http.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            }
        }
        if let header = try authorizationHeader(authorization, method: request.method.rawValue, url: url, form: formParameters) {
            http.headers.add(name: "Authorization", value: header)
        }
        let response = try await httpClient.execute(http, timeout: TimeAmount(configuration.requestTimeout), logger: logger)
        let body = try await response.body.collect(upTo: maxBodyBytes)
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name.lowercased()] = value }
        return DiscogsResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
    }

    /// The `Authorization` value for a credential; nil when anonymous.
    func authorizationHeader(_ authorization: Authorization, method: String, url: URL, form: [OAuthParameter]) throws -> String? {
        switch authorization {
        case .credential(.none):
            return nil
        case .credential(.personalToken(let token)):
            return "Discogs token=\(token)"
        case .credential(.application):
            let (key, secret) = try consumer()
            return "Discogs key=\(key), secret=\(secret)"
        case .credential(.oauth(let token, let secret)):
            let (key, consumerSecret) = try consumer()
            let signer = OAuthSigner(
                consumerKey: key,
                consumerSecret: consumerSecret,
                token: token,
                tokenSecret: secret,
                method: configuration.signatureMethod
            )
            return signer.authorizationHeader(httpMethod: method, url: url, formParameters: form)
        case .oauthLogin(let signer, let extra):
            return signer.authorizationHeader(httpMethod: method, url: url, formParameters: form, extra: extra)
        }
    }

    func consumer() throws -> (key: String, secret: String) {
        guard let key = configuration.consumerKey, let secret = configuration.consumerSecret else {
            throw DiscogsError.notConfigured("Discogs OAuth needs DISCOGS_CONSUMER_KEY and DISCOGS_CONSUMER_SECRET")
        }
        return (key, secret)
    }

    static func outcome(of response: DiscogsResponse) -> GovernorOutcome {
        response.status == 429
            ? .rateLimited(retryAfter: response.retryAfter, response.rateLimit)
            : .answered(response.rateLimit)
    }

    static func isRetryable(_ error: DiscogsError) -> Bool {
        switch error {
        case .server(let status, _): status >= 500
        case .transport: true
        default: false
        }
    }

    /// Maps transport-level failures to the typed errors users see.
    static func classify(_ error: any Error) -> DiscogsError {
        if let error = error as? DiscogsError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .readTimeout, .deadlineExceeded, .writeTimeout, .getConnectionFromPoolTimeout:
                return .timeout
            default:
                return .transport(error.description)
            }
        }
        if error is NIOTooManyBytesError { return .malformedBody("the answer was larger than this server accepts") }
        if error is CancellationError { return .transport("the call was cancelled") }
        return .transport(String(describing: error))
    }
}
