import Foundation
import Locking
import MCP
import TestSupport
import Testing

@testable import Transports

@Suite("Rate limiting")
struct RateLimiterTests {
    @Test("a token bucket allows its burst, then refills at its rate")
    func bucket() {
        let start = ManualClock.Instant(offset: .zero)
        var bucket = TokenBucket(capacity: 3, refillPerSecond: 1, now: start)
        var decisions: [TokenBucket<ManualClock.Instant>.Decision] = []
        for _ in 0..<3 { decisions.append(bucket.take(at: start)) }
        #expect(decisions == [.allowed, .allowed, .allowed])
        #expect(bucket.take(at: start) == .limited(retryAfter: .seconds(1)))
        #expect(bucket.take(at: start.advanced(by: .milliseconds(500))) == .limited(retryAfter: .milliseconds(500)))
        #expect(bucket.take(at: start.advanced(by: .seconds(1))) == .allowed)
        var idle = bucket
        let refilled = idle.isFull(at: start.advanced(by: .seconds(10)))
        #expect(refilled)
    }

    @Test("a burst from one principal is limited while another principal is still served")
    func fairness() async {
        let clock = ManualClock()
        let limited = Locked<[String]>([])
        let limiter = RateLimiter(
            clock: clock,
            policies: RateLimitPolicies(
                principal: RateLimitPolicy(perMinute: 60, burst: 5),
                toolCalls: RateLimitPolicy(perMinute: 60, burst: 2),
                client: RateLimitPolicy(perMinute: 60, burst: 5),
                ip: RateLimitPolicy(perMinute: 60, burst: 5)
            )
        ) { bucket in limited.withLock { $0.append(bucket.kind) } }
        var greedy = 0
        for _ in 0..<50 where await limiter.check(.principal("user:greedy")) == nil { greedy += 1 }
        #expect(greedy == 5)
        #expect(await limiter.check(.principal("user:polite")) == nil)
        #expect(await limiter.check(.principal("user:greedy")) == .seconds(1))
        clock.advance(by: .seconds(1))
        #expect(await limiter.check(.principal("user:greedy")) == nil)
        #expect(limited.withLock { $0.count } == 46)
    }

    @Test("tool calls over the limit become isError results with a retry hint")
    func toolGate() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(
            clock: clock,
            policies: RateLimitPolicies(
                principal: RateLimitPolicy(perMinute: 600, burst: 100),
                toolCalls: RateLimitPolicy(perMinute: 6, burst: 1),
                client: RateLimitPolicy(perMinute: 600, burst: 100),
                ip: RateLimitPolicy(perMinute: 600, burst: 100)
            )
        )
        let dispatcher = Dispatcher(
            identity: ServerIdentity(name: "t", title: "t", version: "1", instructions: ""),
            registry: ToolRegistry([EchoLikeTool()]),
            gate: RateLimitedToolCalls(limiter: limiter)
        )
        let context = MessageContext(caller: .anonymous, transport: .stdio, era: .handshake(.v2025_11_25))
        let call = JSONRPCRequest(id: .int(1), method: "tools/call", params: ["name": "echo"])
        let first = await dispatcher.handle(call, context: context).message
        #expect(first?.error == nil)
        guard case .result(_, .value(let second))? = await dispatcher.handle(call, context: context).message else {
            Issue.record("expected a result")
            return
        }
        #expect(second["isError"] == true)
        #expect(second["content"]?.arrayValue?.first?["text"]?.stringValue?.contains("retry echo in about 10 s") == true)
    }

    @Test("idle buckets are forgotten so memory stays bounded")
    func pruning() async {
        let clock = ManualClock()
        let limiter = RateLimiter(clock: clock, policies: .standard, pruneThreshold: 10)
        for index in 0..<20 { _ = await limiter.check(.ip("10.0.0.\(index)")) }
        clock.advance(by: .seconds(60))
        _ = await limiter.check(.ip("10.0.0.99"))
        #expect(await limiter.bucketCount <= 10)
    }
}

struct EchoLikeTool: Tool {
    let definition = ToolDefinition(name: "echo", title: "Echo", description: "Echo.", annotations: .readOnly(openWorld: false))
    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult { .text("ok") }
}
