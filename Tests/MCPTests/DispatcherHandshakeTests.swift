import Foundation
import MCP
import TestSupport
import Testing

@Suite("Dispatcher: handshake revisions")
struct DispatcherHandshakeTests {
    let dispatcher = makeDispatcher()

    @Test(
        "initialize echoes a supported revision and offers the newest otherwise",
        arguments: [
            ("2024-11-05", "2024-11-05"), ("2025-03-26", "2025-03-26"), ("2025-06-18", "2025-06-18"), ("2025-11-25", "2025-11-25"),
            ("1999-01-01", "2025-11-25"), ("2026-07-28", "2025-11-25"), ("garbage", "2025-11-25"),
        ]
    )
    func negotiation(requested: String, expected: String) async throws {
        let outcome = await dispatcher.handle(
            request("initialize", ["protocolVersion": .string(requested), "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]]),
            context: MessageContext(caller: anonymous, transport: .streamableHTTP, era: .handshake(nil))
        )
        guard case .initialized(let message, let negotiation) = outcome else {
            Issue.record("initialize did not initialize")
            return
        }
        #expect(negotiation.revision.rawValue == expected)
        let result = decoded(message)["result"]
        #expect(result?["protocolVersion"] == .string(expected))
        #expect(result?["capabilities"] == ["tools": ["listChanged": true]])
        #expect(result?["serverInfo"]?["name"] == "test-server")
        // `title` only exists from 2025-06-18.
        #expect((result?["serverInfo"]?["title"] != nil) == (expected >= "2025-06-18"))
    }

    @Test("initialize without a version still succeeds with the newest handshake revision")
    func initializeWithoutVersion() async {
        let outcome = await dispatcher.handle(
            request("initialize"),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(nil))
        )
        guard case .initialized(_, let negotiation) = outcome else {
            Issue.record("expected initialized")
            return
        }
        #expect(negotiation.revision == .v2025_11_25)
    }

    @Test("ping answers before and after initialize")
    func ping() async {
        for era in [Era.handshake(nil), .handshake(.v2024_11_05)] {
            let outcome = await dispatcher.handle(
                request("ping", id: .string("p")),
                context: MessageContext(caller: anonymous, transport: .stdio, era: era)
            )
            #expect(decoded(outcome.message) == ["jsonrpc": "2.0", "id": "p", "result": [:]])
        }
    }

    @Test("requests other than initialize and ping need the handshake first")
    func needsInitialize() async {
        let outcome = await dispatcher.handle(
            request("tools/list"),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(nil))
        )
        #expect(outcome.message?.error?.code == -32600)
    }

    @Test("unknown methods are -32601 and undeclared capabilities are not served")
    func unknownMethod() async {
        for method in ["resources/list", "prompts/list", "logging/setLevel", "nope"] {
            let outcome = await dispatcher.handle(
                request(method),
                context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(.v2025_11_25))
            )
            #expect(outcome.message?.error?.code == -32601, "\(method)")
        }
    }

    @Test("tools/list shapes tools per revision")
    func toolShapes() async throws {
        for revision in ProtocolRevision.handshake {
            let outcome = await dispatcher.handle(
                request("tools/list"),
                context: MessageContext(caller: writer, transport: .stdio, era: .handshake(revision))
            )
            let tools = try #require(decoded(outcome.message)["result"]?["tools"]?.arrayValue)
            #expect(tools.compactMap { $0["name"]?.stringValue } == ["confirming", "echo", "guarded", "slow"])
            let echo = tools[1]
            #expect((echo["annotations"] != nil) == revision.hasToolAnnotations, "\(revision)")
            #expect((echo["title"] != nil) == revision.hasTitles, "\(revision)")
            #expect((echo["outputSchema"] != nil) == revision.hasStructuredOutput, "\(revision)")
            #expect(echo["inputSchema"]?["type"] == "object")
            #expect(decoded(outcome.message)["result"]?["resultType"] == nil)
        }
    }

    @Test("tools/list hides tools the caller's scopes do not allow")
    func scopes() async throws {
        let outcome = await dispatcher.handle(
            request("tools/list"),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(.v2025_11_25))
        )
        let names = try #require(decoded(outcome.message)["result"]?["tools"]?.arrayValue).compactMap { $0["name"]?.stringValue }
        #expect(names == ["confirming", "echo", "slow"])
        let call = await dispatcher.handle(
            request("tools/call", ["name": "guarded"]),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(.v2025_11_25))
        )
        #expect(call.message?.error?.code == -32602)
        #expect(call.message?.error?.data?["requiredScope"] == "write")
    }

    @Test("tools/list paginates with opaque cursors and rejects forged ones")
    func pagination() async throws {
        let paged = makeDispatcher(pageSize: 2)
        let context = MessageContext(caller: writer, transport: .stdio, era: .handshake(.v2025_11_25))
        let first = decoded(await paged.handle(request("tools/list"), context: context).message)["result"]
        #expect(first?["tools"]?.arrayValue?.count == 2)
        let cursor = try #require(first?["nextCursor"]?.stringValue)
        let second = decoded(await paged.handle(request("tools/list", ["cursor": .string(cursor)]), context: context).message)["result"]
        #expect(second?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["guarded", "slow"])
        #expect(second?["nextCursor"] == nil)
        for bad: JSONValue in ["bm9wZQ==", "!!", 5] {
            let outcome = await paged.handle(request("tools/list", ["cursor": bad]), context: context)
            #expect(outcome.message?.error?.code == -32602)
        }
    }

    @Test("tools/call: results per revision, unknown tools, and argument errors before and after 2025-11-25")
    func toolCall() async throws {
        let old = MessageContext(caller: anonymous, transport: .stdio, era: .handshake(.v2025_03_26))
        let new = MessageContext(caller: anonymous, transport: .stdio, era: .handshake(.v2025_11_25))
        let ok = decoded(
            await dispatcher.handle(request("tools/call", ["name": "echo", "arguments": ["text": "hi", "times": 2]]), context: new).message
        )
        #expect(ok["result"]?["content"] == [["type": "text", "text": "hi hi"]])
        #expect(ok["result"]?["structuredContent"] == ["echo": "hi hi"])
        #expect(ok["result"]?["isError"] == false)
        let legacy = decoded(await dispatcher.handle(request("tools/call", ["name": "echo", "arguments": ["text": "hi"]]), context: old).message)
        #expect(legacy["result"]?["structuredContent"] == nil)

        let unknown = await dispatcher.handle(request("tools/call", ["name": "nope"]), context: new)
        #expect(unknown.message?.error?.code == -32602)
        let noName = await dispatcher.handle(request("tools/call", ["arguments": [:]]), context: new)
        #expect(noName.message?.error?.code == -32602)
        let badArgumentsType = await dispatcher.handle(request("tools/call", ["name": "echo", "arguments": [1]]), context: new)
        #expect(badArgumentsType.message?.error?.code == -32602)

        let invalid: [String: JSONValue] = ["name": "echo", "arguments": ["times": 9, "extra": true]]
        let before = await dispatcher.handle(request("tools/call", invalid), context: old)
        #expect(before.message?.error?.code == -32602)
        let after = decoded(await dispatcher.handle(request("tools/call", invalid), context: new).message)
        #expect(after["result"]?["isError"] == true)
        let text = after["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(text.contains("text: is required") && text.contains("times: must be ≤ 3") && text.contains("extra: is not a known argument"))
    }

    @Test("a tool failure is an isError result, not a protocol error")
    func toolFailure() async {
        let outcome = decoded(
            await dispatcher.handle(
                request("tools/call", ["name": "guarded", "arguments": ["fail": true]]),
                context: MessageContext(caller: writer, transport: .stdio, era: .handshake(.v2025_06_18))
            ).message
        )
        #expect(outcome["result"]?["isError"] == true)
        #expect(outcome["result"]?["content"] == [["type": "text", "text": "Discogs said no; retry later"]])
    }

    @Test("progress goes to the related sink only when a token was sent")
    func progress() async {
        let sink = RecordingSink()
        let context = MessageContext(caller: anonymous, transport: .streamableHTTP, era: .handshake(.v2025_03_26), related: sink)
        _ = await dispatcher.handle(request("tools/call", ["name": "echo", "arguments": ["text": "a"]]), context: context)
        #expect(await sink.messages.isEmpty)
        _ = await dispatcher.handle(
            request("tools/call", ["name": "echo", "arguments": ["text": "a"], "_meta": ["progressToken": "tok"]]),
            context: context
        )
        let sent = await sink.messages.map { decoded($0) }
        #expect(
            sent == [
                [
                    "jsonrpc": "2.0", "method": "notifications/progress",
                    "params": ["progressToken": "tok", "progress": 1, "total": 1, "message": "echoed"],
                ]
            ]
        )
    }

    @Test("notifications/cancelled stops a running call", .timeLimit(.minutes(1)))
    func cancellation() async throws {
        let context = MessageContext(caller: anonymous, transport: .stdio, era: .handshake(.v2025_11_25), sessionID: "s1")
        let clock = ManualClock()
        let dispatcher = makeDispatcher(clock: clock)
        let call = Task { await dispatcher.handle(request("tools/call", id: .string("c1"), ["name": "slow"]), context: context) }
        // The handler runs once it sleeps; its clock never moves, so only the cancellation can end it.
        // The call registers as cancellable just after it starts, and a cancel for an id not yet
        // registered is ignored: keep asking (yielding, never sleeping) until the call ends.
        await clock.sleepers(1)
        let canceller = Task {
            while !Task.isCancelled {
                await dispatcher.handle(JSONRPCNotification(method: "notifications/cancelled", params: ["requestId": "c1"]), context: context)
                await Task.yield()
            }
        }
        let outcome = decoded(await call.value.message)
        canceller.cancel()
        #expect(outcome["result"]?["isError"] == true)
    }
}
