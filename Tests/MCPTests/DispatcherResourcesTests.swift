import Foundation
import MCP
import TestSupport
import Testing

@Suite("Dispatcher: resources")
struct DispatcherResourcesTests {
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

    @Test("initialize and server/discover advertise resources and prompts only when there are some")
    func capabilities() async throws {
        let expected: JSONValue = [
            "tools": ["listChanged": true], "resources": ["subscribe": false, "listChanged": false], "prompts": ["listChanged": false],
        ]
        for revision in ProtocolRevision.handshake {
            let outcome = await dispatcher.handle(
                request("initialize", ["protocolVersion": .string(revision.rawValue)]),
                context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(nil))
            )
            #expect(decoded(outcome.message)["result"]?["capabilities"] == expected, "\(revision)")
        }
        #expect(await modern("server/discover")["result"]?["capabilities"] == expected)

        let onlyPrompts = Dispatcher(
            identity: ServerIdentity(name: "t", title: "T", version: "1", instructions: "i"),
            registry: ToolRegistry([EchoTool()]),
            prompts: TestPrimitives.prompts
        )
        let initialized = await onlyPrompts.handle(
            request("initialize"),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(nil))
        )
        #expect(decoded(initialized.message)["result"]?["capabilities"] == ["tools": ["listChanged": true], "prompts": ["listChanged": false]])
        // Undeclared methods stay unknown.
        let context = MessageContext(caller: reader, transport: .stdio, era: .handshake(.v2025_11_25))
        for method in ["resources/list", "resources/templates/list", "resources/read"] {
            #expect(await onlyPrompts.handle(request(method, ["uri": "test://note"]), context: context).message?.error?.code == -32601, "\(method)")
        }
        #expect(await onlyPrompts.handle(request("prompts/list"), context: context).message?.error == nil)
    }

    @Test("an empty registry keeps initialize byte-for-byte as before")
    func emptyIsUnchanged() async {
        let plain = makeDispatcher()
        let outcome = await plain.handle(
            request("initialize", ["protocolVersion": "2025-06-18"]),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(nil))
        )
        let text = String(decoding: outcome.message?.encodedBytes ?? [], as: UTF8.self)
        #expect(
            text
                == #"{"jsonrpc":"2.0","id":1,"result":{"capabilities":{"tools":{"listChanged":true}},"instructions":"Test instructions.","protocolVersion":"2025-06-18","serverInfo":{"name":"test-server","title":"Test","version":"9.9.9"}}}"#
        )
    }

    @Test("resources/list and templates/list shape entries per revision and filter by scope")
    func lists() async throws {
        for revision in ProtocolRevision.handshake {
            let result = await legacy("resources/list", revision: revision)["result"]
            let resources = try #require(result?["resources"]?.arrayValue)
            #expect(resources.compactMap { $0["uri"]?.stringValue } == ["test://broken", "test://note", "test://secret", "test://slow"])
            let note = resources[1]
            #expect(note["name"] == "note" && note["description"] == "A public note." && note["mimeType"] == "text/plain")
            #expect((note["title"] != nil) == (revision >= .v2025_06_18), "\(revision)")
            #expect(result?["resultType"] == nil && result?["ttlMs"] == nil && result?["nextCursor"] == nil)

            let templates = try #require(await legacy("resources/templates/list", revision: revision)["result"]?["resourceTemplates"]?.arrayValue)
            #expect(templates.compactMap { $0["uriTemplate"]?.stringValue } == ["test://item/{id}"])
            #expect((templates[0]["title"] != nil) == (revision >= .v2025_06_18))
        }
        let anonymousList = try #require(await legacy("resources/list", caller: anonymous)["result"]?["resources"]?.arrayValue)
        #expect(anonymousList.compactMap { $0["uri"]?.stringValue } == ["test://broken", "test://note", "test://slow"])
        let writerTemplates = try #require(await legacy("resources/templates/list", caller: writer)["result"]?["resourceTemplates"]?.arrayValue)
        #expect(writerTemplates.compactMap { $0["uriTemplate"]?.stringValue } == ["test://item/{id}", "test://private/{name}"])
    }

    @Test("resources/read returns text and blob contents; unknown URIs are -32002 with the uri")
    func readLegacy() async throws {
        let note = await legacy("resources/read", ["uri": "test://note"], revision: .v2024_11_05)["result"]
        #expect(note == ["contents": [["uri": "test://note", "mimeType": "text/plain", "text": "note for user:2 at 2024-11-05"]]])
        let item = await legacy("resources/read", ["uri": "test://item/2"])["result"]
        #expect(
            item?["contents"]
                == [
                    ["uri": "test://item/2", "mimeType": "application/json", "text": #"{"id":2}"#],
                    ["uri": "test://item/2/cover", "mimeType": "image/png", "blob": "iVBORw0KGgo="],
                ]
        )
        for uri: String in ["test://nothing", "test://item/9", "test://item/"] {
            let error = await legacy("resources/read", ["uri": .string(uri)])["error"]
            #expect(error?["code"] == -32002, "\(uri)")
            #expect(error?["data"] == ["uri": .string(uri)])
        }
        #expect(await legacy("resources/read", ["uri": 5])["error"]?["code"] == -32602)
        #expect(await legacy("resources/read")["error"]?["code"] == -32602)
    }

    @Test("resources/read refuses resources outside the caller's scopes and reports reader failures")
    func readRefusals() async {
        let secret = await legacy("resources/read", ["uri": "test://secret"], caller: anonymous)["error"]
        #expect(secret?["code"] == -32602)
        #expect(secret?["data"] == ["requiredScope": "read"])
        #expect(await legacy("resources/read", ["uri": "test://private/x"])["error"]?["data"]?["requiredScope"] == "write")
        #expect(await legacy("resources/read", ["uri": "test://private/x"], caller: writer)["result"]?["contents"] != nil)
        let broken = await legacy("resources/read", ["uri": "test://broken"])["error"]
        #expect(broken == ["code": -32603, "message": "Discogs is unavailable right now; try again in a minute."])
    }

    @Test("2026-07-28: results carry resultType, cache hints and serverInfo; not found is -32602")
    func modernShapes() async throws {
        for method in ["resources/list", "resources/templates/list"] {
            let result = await modern(method)["result"]
            #expect(result?["resultType"] == "complete", "\(method)")
            #expect(result?["ttlMs"]?.intValue == 300_000)
            #expect(result?["cacheScope"] == "private")
            #expect(result?["_meta"]?["io.modelcontextprotocol/serverInfo"] == ["name": "test-server", "version": "9.9.9"])
        }
        #expect(await modern("resources/list")["result"]?["resources"]?.arrayValue?.first?["title"] == "Broken")
        let read = await modern("resources/read", ["uri": "test://note"])["result"]
        #expect(read?["resultType"] == "complete")
        #expect(read?["ttlMs"]?.intValue == 60_000)
        #expect(read?["cacheScope"] == "private")
        #expect(read?["contents"]?.arrayValue?.first?["text"] == "note for user:2 at 2026-07-28")
        let missing = await modern("resources/read", ["uri": "test://item/7"])["error"]
        #expect(missing?["code"] == -32602)
        #expect(missing?["data"] == ["uri": "test://item/7"])
    }

    @Test("2026-07-28: Mcp-Name must carry params.uri for resources/read")
    func modernHeaders() async {
        let uri = "test://item/1"
        let good = RoutingHeaders(protocolVersion: "2026-07-28", method: "resources/read", name: uri)
        #expect(await modern("resources/read", ["uri": .string(uri)], headers: good)["error"] == nil)
        let encoded = RoutingHeaders(
            protocolVersion: "2026-07-28",
            method: "resources/read",
            name: "=?base64?\(Data(uri.utf8).base64EncodedString())?="
        )
        #expect(await modern("resources/read", ["uri": .string(uri)], headers: encoded)["error"] == nil)
        for headers in [
            RoutingHeaders(protocolVersion: "2026-07-28", method: "resources/read", name: nil),
            RoutingHeaders(protocolVersion: "2026-07-28", method: "resources/read", name: "test://item/2"),
            RoutingHeaders(protocolVersion: "2026-07-28", method: "resources/list", name: uri),
        ] {
            #expect(await modern("resources/read", ["uri": .string(uri)], headers: headers)["error"]?["code"] == -32020, "\(headers)")
        }
        // List methods carry no name.
        let list = RoutingHeaders(protocolVersion: "2026-07-28", method: "resources/templates/list")
        #expect(await modern("resources/templates/list", headers: list)["error"] == nil)
    }

    @Test("list pagination: opaque cursors per list, forged or foreign cursors are -32602")
    func pagination() async throws {
        let paged = makeFullDispatcher(listPageSize: 3)
        let context = MessageContext(caller: reader, transport: .stdio, era: .handshake(.v2025_11_25))
        let first = decoded(await paged.handle(request("resources/list"), context: context).message)["result"]
        #expect(first?["resources"]?.arrayValue?.count == 3)
        let cursor = try #require(first?["nextCursor"]?.stringValue)
        let second = decoded(await paged.handle(request("resources/list", ["cursor": .string(cursor)]), context: context).message)["result"]
        #expect(second?["resources"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } == ["test://slow"])
        #expect(second?["nextCursor"] == nil)
        for bad: JSONValue in ["bm9wZQ==", 3, .string(Data("resources-page:2".utf8).base64EncodedString())] {
            #expect(await paged.handle(request("resources/list", ["cursor": bad]), context: context).message?.error?.code == -32602, "\(bad)")
        }
        // A resources cursor means nothing to prompts/list.
        #expect(await paged.handle(request("prompts/list", ["cursor": .string(cursor)]), context: context).message?.error?.code == -32602)
        #expect(decoded(await paged.handle(request("resources/list", ["cursor": nil]), context: context).message)["result"]?["nextCursor"] != nil)
    }

    @Test("notifications/cancelled stops a running read", .timeLimit(.minutes(1)))
    func cancellation() async throws {
        let context = MessageContext(caller: reader, transport: .stdio, era: .handshake(.v2025_11_25), sessionID: "s1")
        let clock = ManualClock()
        let dispatcher = makeFullDispatcher(clock: clock)
        let call = Task { await dispatcher.handle(request("resources/read", id: .string("r1"), ["uri": "test://slow"]), context: context) }
        // The handler runs once it sleeps; its clock never moves, so only the cancellation can end it.
        // The call registers as cancellable just after it starts, and a cancel for an id not yet
        // registered is ignored: keep asking (yielding, never sleeping) until the call ends.
        await clock.sleepers(1)
        let canceller = Task {
            while !Task.isCancelled {
                await dispatcher.handle(JSONRPCNotification(method: "notifications/cancelled", params: ["requestId": "r1"]), context: context)
                await Task.yield()
            }
        }
        let outcome = decoded(await call.value.message)
        canceller.cancel()
        #expect(outcome["error"]?["code"] == -32603)
    }
}
