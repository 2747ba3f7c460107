import Foundation
import MCP
import TestSupport
import Testing

/// The subscription registry alone, then through the dispatcher.
@Suite("Resource subscriptions")
struct ResourceSubscriptionsTests {
    /// Owners by principal: user:1 and user:3 are the same account ("digger"), user:2 another.
    static func registry(limit: Int = 8) -> ResourceSubscriptions {
        ResourceSubscriptions(subscribableURIs: ["test://secret", "test://note", "test://other"], perChannelLimit: limit) { caller in
            ["user:1": "digger", "user:3": "digger", "user:2": "reader"][caller.principalID]
        }
    }

    /// Records the URIs delivered to one channel.
    actor Heard {
        var uris: [String] = []
        func add(_ uri: String) { uris.append(uri) }
    }

    @Test("an update reaches the owner's channels subscribed to that URI, and no one else")
    func perOwner() async throws {
        let registry = Self.registry()
        let (mine, sameAccount, theirs) = (Heard(), Heard(), Heard())
        try await registry.subscribe(channel: "a", caller: writer, uri: "test://secret") { await mine.add($0) }
        try await registry.subscribe(channel: "b", caller: Caller(principalID: "user:3", kind: "oauth"), uri: "test://secret") {
            await sameAccount.add($0)
        }
        try await registry.subscribe(channel: "c", caller: reader, uri: "test://secret") { await theirs.add($0) }
        try await registry.subscribe(channel: "c", caller: reader, uri: "test://note") { await theirs.add($0) }

        #expect(await registry.publish(uri: "test://secret", owner: "digger") == 2)
        #expect(await registry.publish(uri: "test://note", owner: "digger") == 0, "nobody of digger's subscribed to the note")
        #expect(await mine.uris == ["test://secret"])
        #expect(await sameAccount.uris == ["test://secret"])
        #expect(await theirs.uris == [])
        #expect(await registry.publish(uri: "test://note", owner: "reader") == 1)
        #expect(await theirs.uris == ["test://note"])
    }

    @Test("unsubscribe and drop end subscriptions; an emptied channel is forgotten")
    func ending() async throws {
        let registry = Self.registry()
        let heard = Heard()
        try await registry.subscribe(channel: "a", caller: writer, uri: "test://secret") { await heard.add($0) }
        try await registry.subscribe(channel: "a", caller: writer, uri: "test://note") { await heard.add($0) }
        #expect(await registry.unsubscribe(channel: "a", uri: "test://secret"))
        #expect(!(await registry.unsubscribe(channel: "a", uri: "test://secret")), "a second unsubscribe finds nothing")
        #expect(await registry.publish(uri: "test://secret", owner: "digger") == 0)
        #expect(await registry.publish(uri: "test://note", owner: "digger") == 1)
        await registry.drop(channel: "a")
        #expect(await registry.publish(uri: "test://note", owner: "digger") == 0)
        #expect(await registry.channelCount == 0)
        #expect(await heard.uris == ["test://note"])
        try await registry.subscribe(channel: "b", caller: writer, uri: "test://note") { _ in }
        #expect(await registry.unsubscribe(channel: "b", uri: "test://note"))
        #expect(await registry.channelCount == 0)
    }

    @Test("a channel holds at most its limit; the same URI again costs nothing")
    func bounded() async throws {
        let registry = Self.registry(limit: 2)
        try await registry.subscribe(channel: "a", caller: writer, uri: "test://secret") { _ in }
        try await registry.subscribe(channel: "a", caller: writer, uri: "test://note") { _ in }
        try await registry.subscribe(channel: "a", caller: writer, uri: "test://note") { _ in }
        await #expect(throws: ResourceSubscriptions.Refusal.full(limit: 2)) {
            try await registry.subscribe(channel: "a", caller: writer, uri: "test://other") { _ in }
        }
        #expect(await registry.subscriptions(of: "a") == ["test://secret", "test://note"])
        // Another channel has its own allowance.
        try await registry.subscribe(channel: "b", caller: writer, uri: "test://other") { _ in }
    }

    @Test("only subscribable URIs, and only for callers with an account")
    func refusals() async {
        let registry = Self.registry()
        await #expect(throws: ResourceSubscriptions.Refusal.notSubscribable("test://item/1")) {
            try await registry.subscribe(channel: "a", caller: writer, uri: "test://item/1") { _ in }
        }
        await #expect(throws: ResourceSubscriptions.Refusal.noOwner) {
            try await registry.subscribe(channel: "a", caller: Caller(principalID: "user:9", kind: "oauth"), uri: "test://note") { _ in }
        }
        #expect(await registry.channelCount == 0)
    }
}

@Suite("Dispatcher: resource subscriptions")
struct DispatcherSubscriptionTests {
    let registry = ResourceSubscriptionsTests.registry(limit: 1)
    var dispatcher: Dispatcher {
        Dispatcher(
            identity: ServerIdentity(name: "test-server", title: "Test", version: "9.9.9", instructions: "Test instructions."),
            registry: ToolRegistry([EchoTool()]),
            resources: TestPrimitives.resources(clock: ManualClock()),
            subscriptions: registry
        )
    }

    func handshake(
        _ method: String,
        _ uri: JSONValue?,
        caller: Caller = writer,
        sink: RecordingSink? = nil,
        revision: ProtocolRevision = .v2025_11_25
    ) async -> JSONValue {
        let context = MessageContext(
            caller: caller,
            transport: .streamableHTTP,
            era: .handshake(revision),
            sessionID: "s1",
            channel: sink.map { NotificationChannel(id: "s1", sink: $0) }
        )
        return decoded(await dispatcher.handle(request(method, uri.map { ["uri": $0] } ?? [:]), context: context).message)
    }

    @Test("resources.subscribe is advertised in every revision once subscriptions are served")
    func advertised() async {
        for revision in ProtocolRevision.handshake {
            let outcome = await dispatcher.handle(
                request("initialize", ["protocolVersion": .string(revision.rawValue)]),
                context: MessageContext(caller: anonymous, transport: .stdio, era: .handshake(nil))
            )
            #expect(decoded(outcome.message)["result"]?["capabilities"]?["resources"] == ["subscribe": true, "listChanged": false], "\(revision)")
        }
        let discover = await dispatcher.handle(
            request("server/discover", ["_meta": modernMeta()]),
            context: MessageContext(caller: anonymous, transport: .stdio, era: .modern)
        )
        #expect(decoded(discover.message)["result"]?["capabilities"]?["resources"]?["subscribe"] == true)
    }

    @Test("subscribe, hear the update on the session's channel, unsubscribe, hear nothing")
    func roundTrip() async {
        let sink = RecordingSink()
        #expect(await handshake("resources/subscribe", "test://secret", sink: sink)["result"] == [:])
        await registry.publish(uri: "test://secret", owner: "digger")
        #expect(
            await sink.messages.map { decoded($0) } == [
                ["jsonrpc": "2.0", "method": "notifications/resources/updated", "params": ["uri": "test://secret"]]
            ]
        )
        #expect(await handshake("resources/unsubscribe", "test://secret", sink: sink)["result"] == [:])
        await registry.publish(uri: "test://secret", owner: "digger")
        #expect(await sink.messages.count == 1)
        #expect(await handshake("resources/unsubscribe", "test://secret", sink: sink)["result"] == [:], "unsubscribing twice is fine")
    }

    @Test("bad subscriptions get clear errors")
    func errors() async throws {
        let sink = RecordingSink()
        #expect(await handshake("resources/subscribe", nil, sink: sink)["error"]?["code"] == -32602)
        #expect(await handshake("resources/subscribe", 7, sink: sink)["error"]?["code"] == -32602)
        #expect(await handshake("resources/subscribe", "test://nothing", sink: sink)["error"]?["code"] == -32002)
        let template = await handshake("resources/subscribe", "test://item/1", sink: sink)["error"]
        #expect(template?["code"] == -32602)
        #expect(template?["message"]?.stringValue?.contains("test://secret, test://note, test://other") == true)
        #expect(await handshake("resources/subscribe", "test://secret", caller: anonymous, sink: sink)["error"]?["data"] == ["requiredScope": "read"])
        #expect(await handshake("resources/subscribe", "test://secret", sink: nil)["error"]?["code"] == -32600)
        #expect(
            await handshake("resources/subscribe", "test://note", caller: Caller(principalID: "user:9", kind: "oauth"), sink: sink)["error"]?["code"]
                == -32602
        )
        #expect(await handshake("resources/subscribe", "test://secret", sink: sink)["result"] == [:])
        let full = await handshake("resources/subscribe", "test://note", sink: sink)["error"]
        #expect(full?["code"] == 429)
        #expect(full?["data"] == ["maxSubscriptions": 1])
    }

    @Test("2026-07-28 has no resources/subscribe; listen honours only what the caller may subscribe to")
    func modern() async throws {
        let context = MessageContext(caller: writer, transport: .streamableHTTP, era: .modern)
        let subscribe = await dispatcher.handle(request("resources/subscribe", ["uri": "test://secret", "_meta": modernMeta()]), context: context)
        #expect(subscribe.message?.error?.code == -32601)

        let filter: JSONValue = ["resourceSubscriptions": ["test://secret", "test://item/1", "test://nothing"], "toolsListChanged": true]
        let outcome = await dispatcher.handle(
            request("subscriptions/listen", id: .int(5), ["notifications": filter, "_meta": modernMeta()]),
            context: context
        )
        guard case .listen(let requested) = outcome else {
            Issue.record("expected a listen stream, got \(outcome)")
            return
        }
        #expect(requested.resourceSubscriptions == ["test://secret", "test://item/1", "test://nothing"])
        let heard = ResourceSubscriptionsTests.Heard()
        let listen = await dispatcher.openResourceSubscriptions(requested, caller: writer, channel: requested.channelID(prefix: "t")) {
            await heard.add($0)
        }
        #expect(listen.honouredResources == ["test://secret"])
        #expect(
            decoded(listen.acknowledgement)["params"]?["notifications"] == ["toolsListChanged": true, "resourceSubscriptions": ["test://secret"]]
        )
        await registry.publish(uri: "test://secret", owner: "digger")
        #expect(await heard.uris == ["test://secret"])
        #expect(
            decoded(listen.resourceUpdatedNotification(uri: "test://secret"))["params"]
                == ["uri": "test://secret", "_meta": ["io.modelcontextprotocol/subscriptionId": 5]]
        )
        let bad = await dispatcher.handle(
            request("subscriptions/listen", ["notifications": ["resourceSubscriptions": "test://secret"], "_meta": modernMeta()]),
            context: context
        )
        #expect(bad.message?.error?.code == -32602)
    }
}
