import MCP
import TestSupport
import Testing

@testable import Transports

/// Issue 17 point 5: resource reads that reach Discogs count against the tool-call limit.
@Suite("Resource reads and the tool-call limit")
struct ResourceGateTests {
    static func dispatcher(clock: ManualClock) -> Dispatcher {
        let generous = RateLimitPolicy(perMinute: 600, burst: 100)
        let limiter = RateLimiter(
            clock: clock,
            policies: RateLimitPolicies(principal: generous, toolCalls: RateLimitPolicy(perMinute: 6, burst: 2), client: generous, ip: generous)
        )
        let upstream = ResourceTemplate(
            uriTemplate: "test://release/{id}",
            name: "release",
            title: "Release",
            description: "Reaches upstream.",
            reachesUpstream: true
        ) { uri, _, _ in
            [.text("release", uri: uri)]
        }
        let local = Resource(uri: "test://local", name: "local", title: "Local", description: "Served from memory.") { uri, _ in
            [.text("local", uri: uri)]
        }
        return Dispatcher(
            identity: ServerIdentity(name: "t", title: "t", version: "1", instructions: ""),
            registry: ToolRegistry([EchoLikeTool()]),
            gate: RateLimitedToolCalls(limiter: limiter),
            resources: ResourceRegistry(resources: [local], templates: [upstream])
        )
    }

    static let context = MessageContext(
        caller: Caller(principalID: "discogs:1", kind: "oauth", scopes: ["read"]),
        transport: .stdio,
        era: .handshake(.v2025_11_25)
    )

    static func read(_ dispatcher: Dispatcher, _ uri: String) async -> OutgoingMessage? {
        await dispatcher.handle(JSONRPCRequest(id: .int(1), method: "resources/read", params: ["uri": .string(uri)]), context: context).message
    }

    @Test("reads that reach upstream share the principal's tool-call budget; local reads do not")
    func shared() async throws {
        let clock = ManualClock()
        let dispatcher = Self.dispatcher(clock: clock)
        #expect(await Self.read(dispatcher, "test://release/1")?.error == nil)
        #expect(await Self.read(dispatcher, "test://release/2")?.error == nil)
        let limited = try #require(await Self.read(dispatcher, "test://release/3")?.error)
        #expect(limited.message.contains("again in about 10 s"))
        for _ in 0..<5 { #expect(await Self.read(dispatcher, "test://local")?.error == nil) }
        guard
            case .result(_, .value(let call))? = await dispatcher.handle(
                JSONRPCRequest(id: .int(2), method: "tools/call", params: ["name": "echo"]),
                context: Self.context
            ).message
        else {
            Issue.record("expected a tool result")
            return
        }
        #expect(call["isError"] == true, "the reads used up the tool-call budget")
        clock.advance(by: .seconds(10))
        #expect(await Self.read(dispatcher, "test://release/4")?.error == nil)
    }
}
