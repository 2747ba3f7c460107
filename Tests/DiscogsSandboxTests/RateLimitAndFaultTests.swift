import DiscogsSandbox
import Foundation
import Testing

/// Rate-limit headers and 429s, fault injection and request counters.
@Suite struct RateLimitAndFaultTests {
    @Test func headersCountDownAndBudgetEndsIn429() async throws {
        try await FakeHarness.with { fake in
            for expected in 1...60 {
                let reply = try await fake.get("/")
                #expect(reply.status == 200)
                #expect(reply.int("X-Discogs-Ratelimit") == 60)
                #expect(reply.int("X-Discogs-Ratelimit-Used") == expected)
                #expect(reply.int("X-Discogs-Ratelimit-Remaining") == 60 - expected)
            }
            let limited = try await fake.get("/")
            #expect(limited.status == 429)
            #expect(limited.json["message"] as? String == "You are making requests too quickly.")
            #expect(limited.header("Retry-After") == nil)
            #expect(limited.int("X-Discogs-Ratelimit-Remaining") == 0)
            await fake.state.setBehaviour { $0.sendRetryAfter = true }
            #expect(try await fake.get("/").header("Retry-After") == "60")
            // The window moves: a minute later the budget is back.
            await fake.state.advanceClock(by: 61)
            let recovered = try await fake.get("/")
            #expect(recovered.status == 200)
            #expect(recovered.int("X-Discogs-Ratelimit-Used") == 1)
        }
    }

    @Test func anonymousBudgetIs25() async throws {
        try await FakeHarness.with { fake in
            for _ in 1...25 { #expect(try await fake.get("/", token: nil).status == 200) }
            let limited = try await fake.get("/", token: nil)
            #expect(limited.status == 429)
            #expect(limited.int("X-Discogs-Ratelimit") == 25)
        }
    }

    @Test func injectedFaultsLatencyAndCounters() async throws {
        try await FakeHarness.with { fake in
            await fake.state.injectFault(.serverError(status: 502), count: 2, pathContains: "/releases/")
            let releaseID = try #require(await fake.state.data.instances[fake.user]?.first?.releaseID)
            #expect(try await fake.get("/").status == 200)
            #expect(try await fake.get("/releases/\(releaseID)").status == 502)
            #expect(try await fake.get("/releases/\(releaseID)").status == 502)
            #expect(try await fake.get("/releases/\(releaseID)").status == 200)

            await fake.state.injectFault(.malformedJSON)
            let malformed = try await fake.get("/releases/\(releaseID)")
            #expect(malformed.status == 200)
            #expect((try? JSONSerialization.jsonObject(with: malformed.body)) == nil)
            await fake.state.injectFault(.rateLimited)
            #expect(try await fake.get("/").status == 429)

            await fake.state.setLatency(.milliseconds(300))
            let clock = ContinuousClock()
            let elapsed = try await clock.measure { _ = try await fake.get("/") }
            #expect(elapsed >= .milliseconds(300))
            await fake.state.clearFaults()

            #expect(await fake.state.requestCount(route: "GET /releases/{id}") == 4)
            #expect(await fake.state.requestCount(route: "GET /") == 3)
            await fake.state.resetCounters()
            _ = try await fake.get("/users/\(fake.user)/collection/folders/0/releases")
            #expect(await fake.state.routeCounts == ["GET /users/{username}/collection/folders/{id}/releases": 1])
        }
    }
}
