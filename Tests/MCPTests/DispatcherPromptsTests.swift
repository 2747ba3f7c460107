import Foundation
import MCP
import Testing

@Suite("Dispatcher: prompts")
struct DispatcherPromptsTests {
    let dispatcher = makeFullDispatcher()

    func legacy(
        _ method: String,
        _ params: [String: JSONValue] = [:],
        revision: ProtocolRevision = .v2025_11_25,
        caller: Caller = reader
    ) async -> JSONValue {
        decoded(
            await dispatcher.handle(request(method, params), context: MessageContext(caller: caller, transport: .stdio, era: .handshake(revision)))
                .message
        )
    }

    func modern(_ method: String, _ params: [String: JSONValue] = [:], headers: RoutingHeaders? = nil, caller: Caller = reader) async -> JSONValue {
        var full = params
        full["_meta"] = modernMeta()
        return decoded(
            await dispatcher.handle(
                request(method, full),
                context: MessageContext(caller: caller, transport: .streamableHTTP, era: .modern, routingHeaders: headers)
            ).message
        )
    }

    @Test("prompts/list shapes prompts and arguments per revision and filters by scope")
    func list() async throws {
        for revision in ProtocolRevision.handshake {
            let result = await legacy("prompts/list", revision: revision)["result"]
            let prompts = try #require(result?["prompts"]?.arrayValue)
            #expect(prompts.compactMap { $0["name"]?.stringValue } == ["failing", "greet"])
            let greet = prompts[1]
            let hasTitles = revision >= .v2025_06_18
            #expect((greet["title"] != nil) == hasTitles, "\(revision)")
            let arguments = try #require(greet["arguments"]?.arrayValue)
            #expect(arguments.count == 2)
            #expect(arguments[0]["name"] == "who" && arguments[0]["required"] == true && arguments[0]["description"] == "Whom to greet.")
            #expect((arguments[0]["title"] != nil) == hasTitles)
            #expect(arguments[1]["required"] == false && arguments[1]["title"] == nil)
            #expect(result?["resultType"] == nil)
        }
        let all = try #require(await legacy("prompts/list", caller: writer)["result"]?["prompts"]?.arrayValue)
        #expect(all.compactMap { $0["name"]?.stringValue } == ["audit", "failing", "greet"])
    }

    @Test("prompts/get renders messages with the arguments")
    func get() async {
        let result = await legacy("prompts/get", ["name": "greet", "arguments": ["who": "Ada", "tone": "warmly"]], revision: .v2024_11_05)["result"]
        #expect(
            result
                == [
                    "description": "Says hello.",
                    "messages": [
                        ["role": "user", "content": ["type": "text", "text": "Say hello to Ada warmly."]],
                        ["role": "assistant", "content": ["type": "text", "text": "Hello!"]],
                    ],
                ]
        )
    }

    @Test(
        "prompts/get refuses bad requests with -32602",
        arguments: [
            ["name": "greet"], ["name": "greet", "arguments": ["tone": "x"]], ["name": "greet", "arguments": ["who": "  "]],
            ["name": "greet", "arguments": ["who": 7]], ["name": "greet", "arguments": ["who": "a", "whom": "b"]],
            ["name": "greet", "arguments": "who"], ["name": "nope"], ["arguments": [:]], ["name": "audit"],
        ] as [[String: JSONValue]]
    )
    func refusals(params: [String: JSONValue]) async {
        #expect(await legacy("prompts/get", params)["error"]?["code"] == -32602)
    }

    @Test("a missing required argument names it; a hidden prompt names the scope; a failing one is -32603")
    func errorDetails() async {
        let missing = await legacy("prompts/get", ["name": "greet", "arguments": ["tone": "x"]])["error"]
        #expect(missing?["data"] == ["missing": ["who"]])
        #expect(missing?["message"]?.stringValue?.contains("who") == true)
        #expect(await legacy("prompts/get", ["name": "audit"])["error"]?["data"] == ["requiredScope": "write"])
        #expect(await legacy("prompts/get", ["name": "audit"], caller: writer)["result"]?["messages"] != nil)
        #expect(await legacy("prompts/get", ["name": "failing"])["error"] == ["code": -32603, "message": "sign in with Discogs first"])
    }

    @Test("2026-07-28: list with cache hints, get with resultType, Mcp-Name carries the prompt name")
    func modernShapes() async {
        let list = await modern("prompts/list")["result"]
        #expect(list?["resultType"] == "complete")
        #expect(list?["cacheScope"] == "private")
        #expect(list?["ttlMs"] != nil)
        #expect(list?["prompts"]?.arrayValue?.last?["title"] == "Greet")
        let params: [String: JSONValue] = ["name": "greet", "arguments": ["who": "Ada"]]
        let get = await modern("prompts/get", params, headers: RoutingHeaders(protocolVersion: "2026-07-28", method: "prompts/get", name: "greet"))[
            "result"
        ]
        #expect(get?["resultType"] == "complete")
        #expect(get?["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "test-server")
        #expect(get?["messages"]?.arrayValue?.count == 2)
        for name: String? in [nil, "failing"] {
            let headers = RoutingHeaders(protocolVersion: "2026-07-28", method: "prompts/get", name: name)
            #expect(await modern("prompts/get", params, headers: headers)["error"]?["code"] == -32020)
        }
        #expect(await modern("prompts/get", ["name": "greet"])["error"]?["code"] == -32602)
    }
}
