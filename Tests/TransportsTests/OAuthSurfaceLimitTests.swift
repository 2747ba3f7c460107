import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import TestSupport
import Testing

@testable import Transports

/// Issue 17 point 1 (the OAuth limiter keys on the route) and issue 14 point 8 (registrations per address per hour).
@Suite("OAuth surface limits")
struct OAuthSurfaceLimitTests {
    static func policies(ipBurst: Int) -> RateLimitPolicies {
        let generous = RateLimitPolicy(perMinute: 600, burst: 100)
        return RateLimitPolicies(principal: generous, toolCalls: generous, client: generous, ip: RateLimitPolicy(perMinute: 1, burst: ipBurst))
    }

    static func router(_ middleware: some RouterMiddleware<ServerRequestContext>) -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: middleware)
        for path in ["/register", "/token", "/authorize", "/revoke"] {
            router.post(RouterPath(path)) { _, _ in "ok" }
            router.get(RouterPath(path)) { _, _ in "ok" }
        }
        router.get("/login/:token") { _, _ in "ok" }
        router.get("/.well-known/oauth-authorization-server") { _, _ in "{}" }
        return router
    }

    @Test(
        "paths with empty segments reach the same routes and are limited like them",
        arguments: ["/register/", "//token", "/authorize/", "//revoke//", "/login//abc"]
    )
    func emptySegments(path: String) async throws {
        let limiter = RateLimiter(clock: ContinuousClock(), policies: Self.policies(ipBurst: 2))
        let app = Application(router: Self.router(OAuthRateLimitMiddleware(limiter: limiter)))
        try await app.test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            let method: HTTPRequest.Method = path.contains("login") ? .get : .post
            for _ in 0..<3 { statuses.append(try await client.execute(uri: path, method: method).status) }
            #expect(statuses == [.ok, .ok, .tooManyRequests], "\(path) must be limited")
        }
    }

    @Test("the route check normalises empty segments; discovery stays unlimited")
    func normalisation() {
        #expect(OAuthRateLimitMiddleware.isLimited("//register//"))
        #expect(OAuthRateLimitMiddleware.isLimited("/login/{token}"))
        #expect(!OAuthRateLimitMiddleware.isLimited("/.well-known/oauth-authorization-server"))
        #expect(!OAuthRateLimitMiddleware.isLimited("/mcp"))
    }

    @Test("registrations per address per hour: the quota, then 429 with Retry-After, also through /register/")
    func registrationQuota() async throws {
        // On a clock that does not move, so no registration refills while the test runs.
        let app = Application(router: Self.router(RegistrationQuotaMiddleware(perHour: 3, clock: ServerClock(ManualClock()))))
        try await app.test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            for path in ["/register", "/register/", "//register"] { statuses.append(try await client.execute(uri: path, method: .post).status) }
            #expect(statuses == [.ok, .ok, .ok])
            let refused = try await client.execute(uri: "/register", method: .post)
            #expect(refused.status == .tooManyRequests)
            let retryAfter = Int(refused.headers[HTTPField.Name("Retry-After")!] ?? "") ?? 0
            #expect((1200...1201).contains(retryAfter), "one more every 20 minutes at 3 an hour, got \(retryAfter)")
            #expect(String(buffer: refused.body).contains("slow_down"))
            // Only registration is counted.
            #expect(try await client.execute(uri: "/token", method: .post).status == .ok)
        }
    }

    @Test("the hourly quota refills one use every 3600/perHour seconds, per key")
    func hourlyQuota() async throws {
        let clock = ManualClock()
        let quota = HourlyQuota(perHour: 2, clock: clock)
        #expect(await quota.take("a") == nil)
        #expect(await quota.take("a") == nil)
        let wait = try #require(await quota.take("a"))
        #expect(wait >= .seconds(1799) && wait <= .seconds(1801))
        #expect(await quota.take("b") == nil)
        clock.advance(by: .seconds(1801))
        #expect(await quota.take("a") == nil)
        #expect(await quota.take("a") != nil)
    }

    @Test("a batch costs one token per message, so a batch cannot multiply a caller's rate")
    func batchCost() async {
        let clock = ManualClock()
        let limiter = RateLimiter(clock: clock, policies: Self.policies(ipBurst: 10))
        #expect(await limiter.check(.ip("a"), cost: 8) == nil)
        #expect(await limiter.check(.ip("a"), cost: 3) != nil, "only 2 tokens are left")
        #expect(await limiter.check(.ip("a"), cost: 2) == nil)
        #expect(await limiter.check(.ip("b"), cost: 500) == nil, "a cost above the burst takes the whole burst")
        #expect(await limiter.check(.ip("b")) != nil)
    }
}
