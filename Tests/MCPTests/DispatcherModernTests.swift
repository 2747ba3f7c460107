import Foundation
import MCP
import Testing

@Suite("Dispatcher: 2026-07-28")
struct DispatcherModernTests {
    let dispatcher = makeDispatcher()

    func modern(
        _ method: String,
        _ params: [String: JSONValue] = [:],
        headers: RoutingHeaders? = nil,
        caller: Caller = anonymous
    ) async -> DispatchOutcome {
        var full = params
        if full["_meta"] == nil { full["_meta"] = modernMeta() }
        return await dispatcher.handle(
            request(method, full),
            context: MessageContext(caller: caller, transport: .streamableHTTP, era: .modern, routingHeaders: headers)
        )
    }

    @Test("server/discover returns versions, capabilities, cache hints and serverInfo in _meta")
    func discover() async {
        let result = decoded(await modern("server/discover").message)["result"]
        #expect(result?["resultType"] == "complete")
        #expect(result?["supportedVersions"] == ["2026-07-28"])
        #expect(result?["capabilities"] == ["tools": ["listChanged": true]])
        #expect(result?["ttlMs"]?.intValue ?? -1 >= 0)
        #expect(result?["cacheScope"] == "public")
        #expect(result?["_meta"]?["io.modelcontextprotocol/serverInfo"] == ["name": "test-server", "version": "9.9.9"])
    }

    @Test("every result carries resultType and serverInfo; lists carry ttlMs and a private cacheScope")
    func resultShape() async {
        let list = decoded(await modern("tools/list").message)["result"]
        #expect(list?["resultType"] == "complete")
        #expect(list?["cacheScope"] == "private")
        #expect(list?["ttlMs"] != nil)
        #expect(list?["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "test-server")
        #expect(list?["tools"]?.arrayValue?.first?["title"] == "Confirming")
        let call = decoded(await modern("tools/call", ["name": "echo", "arguments": ["text": "x"]]).message)["result"]
        #expect(call?["resultType"] == "complete")
        #expect(call?["structuredContent"] == ["echo": "x"])
    }

    @Test("the validation ladder answers with the exact codes")
    func ladder() async {
        // 1. _meta fields
        let noMeta = await dispatcher.handle(request("tools/list"), context: MessageContext(caller: anonymous, transport: .stdio, era: .modern))
        #expect(noMeta.message?.error?.code == -32602)
        let missingCapabilities = await modern("tools/list", ["_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28"]])
        #expect(missingCapabilities.message?.error?.code == -32602)
        // 2. headers
        let good = RoutingHeaders(protocolVersion: "2026-07-28", method: "tools/call", name: "echo")
        let call: [String: JSONValue] = ["name": "echo", "arguments": ["text": "x"]]
        #expect(await modern("tools/call", call, headers: good).message?.error == nil)
        for headers in [
            RoutingHeaders(protocolVersion: nil, method: "tools/call", name: "echo"),
            RoutingHeaders(protocolVersion: "2025-11-25", method: "tools/call", name: "echo"),
            RoutingHeaders(protocolVersion: "2026-07-28", method: nil, name: "echo"),
            RoutingHeaders(protocolVersion: "2026-07-28", method: "tools/list", name: "echo"),
            RoutingHeaders(protocolVersion: "2026-07-28", method: "tools/call", name: nil),
            RoutingHeaders(protocolVersion: "2026-07-28", method: "tools/call", name: "other"),
            RoutingHeaders(protocolVersion: "2026-07-28", method: "tools/call", name: "=?base64?!!!?="),
            RoutingHeaders(protocolVersion: "2026-07-28", method: "tools/call", name: "echo", duplicated: ["Mcp-Name"]),
        ] {
            #expect(await modern("tools/call", call, headers: headers).message?.error?.code == -32020, "\(headers)")
        }
        // The base64 sentinel is decoded before comparing.
        let encoded = RoutingHeaders(protocolVersion: "2026-07-28", method: "tools/call", name: "=?base64?ZWNobw==?=")
        #expect(await modern("tools/call", call, headers: encoded).message?.error == nil)
        // 3. version type, 4. supported version
        #expect(await modern("tools/list", ["_meta": modernMeta(version: 7)]).message?.error?.code == -32602)
        let unsupported = await modern("tools/list", ["_meta": modernMeta(version: "2099-01-01")])
        #expect(unsupported.message?.error?.code == -32022)
        #expect(unsupported.message?.error?.data == ["supported": ["2026-07-28"], "requested": "2099-01-01"])
        #expect(await modern("tools/list", ["_meta": modernMeta(version: "2025-11-25")]).message?.error?.code == -32022)
        // 5. method
        #expect(await modern("nope").message?.error?.code == -32601)
        #expect(await modern("ping").message?.error?.code == -32601)
        #expect(await modern("initialize").message?.error?.code == -32601)
    }

    @Test("a tool needing an undeclared client capability is -32021 with requiredCapabilities")
    func missingCapability() async {
        let refused = await modern("tools/call", ["name": "confirming"])
        #expect(refused.message?.error?.code == -32021)
        #expect(refused.message?.error?.data == ["requiredCapabilities": ["elicitation": [:]]])
        let declared: JSONValue = [
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": ["elicitation": [:]],
        ]
        #expect(await modern("tools/call", ["name": "confirming", "_meta": declared]).message?.error == nil)
        let legacy = decoded(
            await dispatcher.handle(
                request("tools/call", ["name": "confirming"]),
                context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(.v2025_11_25))
            ).message
        )
        #expect(legacy["result"]?["isError"] == true)
        let withSession = await dispatcher.handle(
            request("tools/call", ["name": "confirming"]),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(.v2025_11_25), sessionCapabilities: ["elicitation": [:]])
        )
        #expect(decoded(withSession.message)["result"]?["isError"] == false)
    }

    @Test("subscriptions/listen acknowledges the honoured filter with the subscription id")
    func listen() async throws {
        let outcome = await dispatcher.handle(
            request(
                "subscriptions/listen",
                id: .int(42),
                ["notifications": ["toolsListChanged": true, "promptsListChanged": true], "_meta": modernMeta()]
            ),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .modern)
        )
        guard case .listen(let listen) = outcome else {
            Issue.record("expected a listen outcome")
            return
        }
        #expect(
            decoded(listen.acknowledgement)["params"] == [
                "_meta": ["io.modelcontextprotocol/subscriptionId": 42], "notifications": ["toolsListChanged": true],
            ]
        )
        #expect(decoded(listen.toolsListChangedNotification)["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == 42)
        #expect(decoded(listen.completion)["result"]?["resultType"] == "complete")
        let bad = await modern("subscriptions/listen", ["notifications": 1])
        #expect(bad.message?.error?.code == -32602)
    }

    @Test("list changes reach every subscriber of the principal and no one else")
    func hub() async {
        let hub = ListChangeHub()
        let mine = RecordingSink()
        let theirs = RecordingSink()
        let subscription = await hub.subscribe(principalID: "user:1") { _ in await mine.send(.notification(method: "a", params: nil)) }
        _ = await hub.subscribe(principalID: "user:1") { _ in await mine.send(.notification(method: "b", params: nil)) }
        _ = await hub.subscribe(principalID: "user:2") { _ in await theirs.send(.notification(method: "c", params: nil)) }
        #expect(await hub.publish(.tools, to: "user:1") == 2)
        #expect(await mine.messages.count == 2)
        #expect(await theirs.messages.isEmpty)
        let moved = await hub.rebind(subscription, to: "user:2")
        #expect(moved.principalID == "user:2")
        #expect(await hub.publish(.tools, to: "user:2") == 2)
    }
}
