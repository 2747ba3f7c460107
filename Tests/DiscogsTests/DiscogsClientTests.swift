import Foundation
import Locking
import Storage
import TestSupport
import Testing

@testable import Discogs

/// The client over real HTTP on loopback, against a stub Discogs.
@Suite struct DiscogsClientTests {
    struct Echo: Decodable {
        var userAgent: String?
        var accept: String?
        var authorization: String?
        enum CodingKeys: String, CodingKey {
            case userAgent = "user-agent"
            case accept, authorization
        }
    }

    /// Every call carries our User-Agent and the v2 Accept header; each credential its own header.
    @Test func headersAndCredentialForms() async throws {
        try await DiscogsStub.run { port, _ in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port)) { client in
                let anonymous: Echo = try await client.send(DiscogsRequest(.get, "/echo"), as: .none).decode()
                #expect(anonymous.userAgent == "DiscogsMCPTests/1.0 +https://example.test")
                #expect(anonymous.accept == "application/vnd.discogs.v2.discogs+json")
                #expect(anonymous.authorization == nil)
                let token: Echo = try await client.send(DiscogsRequest(.get, "/echo"), as: .personalToken("abc")).decode()
                #expect(token.authorization == "Discogs token=abc")
                let app: Echo = try await client.send(DiscogsRequest(.get, "/echo"), as: .application).decode()
                #expect(app.authorization == "Discogs key=ck123, secret=cs789")
                let oauth: Echo = try await client.send(DiscogsRequest(.get, "/echo"), as: .oauth(token: "at456", secret: "ts012")).decode()
                #expect(oauth.authorization?.hasPrefix("OAuth oauth_consumer_key=\"ck123\"") == true)
                #expect(oauth.authorization?.contains("oauth_signature_method=\"HMAC-SHA1\"") == true)
                // The stub announced 5 remaining: the governor now counts the other 55 as used.
                #expect(await client.governorStatus().usedInWindow >= 55)
            }
        }
    }

    /// A signed call with query parameters verifies on the server; a wrong secret degrades to 403, as on Discogs.
    @Test func oauthSignatureIncludesTheQuery() async throws {
        try await DiscogsStub.run { port, _ in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port)) { client in
                let page = try await client.collectionReleases(
                    username: "alice",
                    folderID: 0,
                    page: 2,
                    perPage: 100,
                    sort: "added",
                    sortOrder: "desc",
                    as: .oauth(token: "at456", secret: "ts012")
                )
                #expect(page.pagination.items == 250)
                await #expect(throws: DiscogsError.self) {
                    _ = try await client.collectionReleases(username: "alice", folderID: 0, page: 2, as: .oauth(token: "at456", secret: "wrong"))
                }
            }
        }
    }

    /// Discogs' statuses become typed errors with messages a person can act on.
    @Test func errorsAreTypedAndActionable() async throws {
        try await DiscogsStub.run { port, _ in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port)) { client in
                func failure(_ code: Int) async -> DiscogsError? {
                    do {
                        _ = try await client.send(DiscogsRequest(.get, "/status/\(code)"), as: .personalToken("t")).decode([String: String].self)
                        return nil
                    } catch {
                        return error as? DiscogsError
                    }
                }
                #expect(await failure(401) == .unauthorized(message: "You must authenticate to access this resource."))
                #expect(await failure(401)?.description.contains("sign in with Discogs again") == true)
                #expect(await failure(403) == .forbidden(message: "You don't have permission to access this resource."))
                #expect(await failure(404) == .notFound(message: "Release not found."))
                #expect(await failure(404)?.description.contains("Check the id") == true)
                #expect(await failure(422) == .validation(message: "value is not a valid option (body.value)"))
                #expect(await failure(500) == .server(status: 500, message: "Query time exceeded. Please try a simpler query."))
                // Cloudflare's HTML 403 is an outage, not a permissions problem.
                #expect(await failure(503) == .server(status: 403, message: "an edge page instead of an API answer"))
                // Redirects are not followed.
                #expect(await failure(302) == .server(status: 302, message: "unexpected redirect"))
                // A 200 with a broken body.
                guard case .malformedBody = await failure(200) else {
                    Issue.record("expected malformedBody")
                    return
                }
            }
        }
    }

    /// GETs are retried with jitter on 5xx; writes are never retried.
    @Test func retriesIdempotentReadsOnly() async throws {
        try await DiscogsStub.run { port, hits in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port)) { client in
                let response = try await client.send(DiscogsRequest(.get, "/flaky"), as: .none)
                #expect(response.status == 200)
                #expect(await hits.count("/flaky") == 3)
                await #expect(throws: DiscogsError.server(status: 503, message: "An internal server error occurred.")) {
                    _ = try await client.send(DiscogsRequest(.post, "/flaky"), as: .none)
                }
                #expect(await hits.count("POST /flaky") == 1)
            }
        }
    }

    /// A 429 pauses the whole budget and tells the caller when to come back, without hammering Discogs.
    @Test func rateLimitPausesEveryone() async throws {
        try await DiscogsStub.run { port, hits in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port)) { client in
                do {
                    _ = try await client.send(DiscogsRequest(.get, "/limited"), as: .personalToken("t"))
                    Issue.record("expected a 429 error")
                } catch let error as DiscogsError {
                    guard case .rateLimited(let retryAfter) = error else {
                        Issue.record("expected rateLimited, got \(error)")
                        return
                    }
                    #expect(retryAfter > .seconds(55) && retryAfter <= .seconds(60))
                    #expect(error.description == "Discogs is rate-limiting this server; retry in about 60 s.")
                }
                // Another caller is refused too, without a request reaching Discogs.
                await #expect(throws: DiscogsError.self) {
                    _ = try await client.send(DiscogsRequest(.get, "/echo"), as: .personalToken("t"))
                }
                // Refused, not delayed: a caller that waited out the pause would have reached /echo.
                #expect(await hits.count("/limited") == 1)
                #expect(await hits.count("/echo") == 0)
                #expect(await client.governorStatus().pausedUntil != nil)
            }
        }
    }

    /// An answer that does not come becomes `.timeout` (the stub holds it until the test lets it go).
    @Test func slowAnswersTimeOut() async throws {
        try await DiscogsStub.run { port, hits in
            var configuration = DiscogsStub.configuration(port: port, requestTimeout: .milliseconds(300))
            configuration.retry = RetryPolicy(maxAttempts: 1)
            try await DiscogsStub.withClient(configuration) { client in
                await #expect(throws: DiscogsError.timeout) {
                    _ = try await client.send(DiscogsRequest(.get, "/held"), as: .none)
                }
            }
            hits.clock.advance(by: .seconds(3600))
        }
    }

    /// Ten identical reads in flight at once reach Discogs once.
    @Test(.timeLimit(.minutes(1))) func identicalReadsAreCoalesced() async throws {
        try await DiscogsStub.run { port, hits in
            let lookups = LookupCounter()
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: port), observer: lookups) { client in
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<10 {
                        group.addTask { try await client.send(DiscogsRequest(.get, "/held", cacheKind: .database), as: .personalToken("t")).status }
                    }
                    // A read joins (or starts) the flight for its key in the actor step that counted its
                    // cache lookup: after ten lookups all ten are on the one flight, held at the stub.
                    await lookups.reached(10)
                    await hits.clock.sleepers(1)
                    hits.clock.advance(by: .seconds(3600))
                    for try await status in group { #expect(status == 200) }
                }
                #expect(await hits.count("/held") == 1)
            }
        }
    }

    /// A wrong connection target surfaces as `.transport` with a readable message.
    @Test func unreachableDiscogs() async throws {
        var configuration = DiscogsStub.configuration(port: 1)
        configuration.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1))
        // AsyncHTTPClient keeps retrying a refused connection until the connect timeout.
        configuration.connectTimeout = .milliseconds(300)
        try await DiscogsStub.withClient(configuration) { client in
            do {
                _ = try await client.send(DiscogsRequest(.get, "/echo"), as: .none)
                Issue.record("expected a transport error")
            } catch let error as DiscogsError {
                guard case .transport = error else {
                    Issue.record("expected .transport, got \(error)")
                    return
                }
                #expect(error.description.hasPrefix("Could not reach Discogs"))
            }
        }
    }
}

/// Counts response-cache lookups and lets a test wait for the n-th.
final class LookupCounter: DiscogsClientObserver {
    private let state = Locked<(count: Int, waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)])>((0, []))

    func cacheLookup(kind: CacheKind, hit: Bool) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count += 1
            let count = state.count
            defer { state.waiters.removeAll { $0.count <= count } }
            return state.waiters.filter { $0.count <= count }.map(\.continuation)
        }
        for continuation in ready { continuation.resume() }
    }

    /// Returns once `count` lookups have been made.
    func reached(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }

    func upstreamRequest(endpoint: String, method: String, status: Int?, duration: Duration) {}
    func upstreamBudget(limit: Int?, remaining: Int?) {}
    func governorWaited(_ duration: Duration, priority: RequestPriority) {}
}
