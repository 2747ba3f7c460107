import Foundation
import Logging
import MCP
import Storage
import TestSupport
import Testing

@testable import Transports

@Suite("SessionRegistry", .removesTemporaryFolders)
struct SessionRegistryTests {
    func registry(
        max: Int = 10,
        idle: Duration = .seconds(600),
        path: String = TestServer.temporaryDatabase(),
        clock: ServerClock = ServerClock(ManualClock())
    ) throws -> (SessionRegistry, ListChangeHub) {
        let hub = ListChangeHub()
        let registry = SessionRegistry(
            repository: SQLiteSessionRepository(database: try Database(path: path)),
            listChanges: hub,
            maximumSessions: max,
            idleTimeout: idle,
            logger: Logger(label: "test"),
            clock: clock
        )
        return (registry, hub)
    }

    let negotiation = Negotiation(
        revision: .v2025_11_25,
        requestedVersion: "2025-11-25",
        clientInfo: ["name": "c", "version": "1"],
        clientCapabilities: [:]
    )

    @Test("ending a session ends its resource subscriptions")
    func endingDropsSubscriptions() async throws {
        let subscriptions = ResourceSubscriptions(subscribableURIs: ["discogs://collection"]) { _ in "dj" }
        let registry = SessionRegistry(
            repository: SQLiteSessionRepository(database: try Database(path: TestServer.temporaryDatabase())),
            listChanges: ListChangeHub(),
            maximumSessions: 10,
            idleTimeout: .seconds(600),
            resourceSubscriptions: subscriptions,
            logger: Logger(label: "test")
        )
        let session = try await registry.create(principalID: "user:1", transport: .streamableHTTP, negotiation: negotiation)
        try await subscriptions.subscribe(channel: session.id, caller: Caller(principalID: "user:1", kind: "oauth"), uri: "discogs://collection") {
            _ in
        }
        #expect(await subscriptions.publish(uri: "discogs://collection", owner: "dj") == 1)
        await registry.end(session.id)
        #expect(await subscriptions.publish(uri: "discogs://collection", owner: "dj") == 0)
        #expect(await subscriptions.channelCount == 0)
    }

    @Test("a session is bound to the principal that created it")
    func binding() async throws {
        let (registry, _) = try registry()
        let session = try await registry.create(principalID: "user:1", transport: .streamableHTTP, negotiation: negotiation)
        #expect(await registry.lookup(session.id, principalID: "user:1") != nil)
        #expect(await registry.lookup(session.id, principalID: "user:2") == nil)
        #expect(await registry.lookup(session.id, principalID: "anonymous") == nil)
    }

    @Test("an anonymous SSE session signs in once: principal, list-change subscription and its credential-less client follow")
    func rebind() async throws {
        let (registry, hub) = try registry()
        let sse = try await registry.create(principalID: "anonymous", transport: .sse, negotiation: nil)
        _ = await registry.negotiated(sse.id, negotiation)
        let (_, frames) = try #require(await sse.outbox.attach(lastEventID: nil))
        let user = Caller(principalID: "discogs:7", kind: "oauth", displayName: "dj", scopes: ["read"])
        #expect(await registry.rebind(sse.id, to: user))
        var iterator = frames.makeAsyncIterator()
        let frame = try #require(await iterator.next())
        guard case .event(_, _, let data) = frame else {
            Issue.record("expected a message event, got \(frame)")
            return
        }
        #expect(String(decoding: data, as: UTF8.self).contains("notifications/tools/list_changed"))
        #expect(await hub.subscriberCount(for: "discogs:7") == 1)
        #expect(await hub.subscriberCount(for: "anonymous") == 0)
        // The user's own requests and the session's credential-less client both reach it; nobody else does.
        #expect(await registry.lookup(sse.id, principalID: "discogs:7")?.linkedCaller == user)
        #expect(await registry.lookup(sse.id, principalID: "anonymous")?.linkedCaller == user)
        #expect(await registry.lookup(sse.id, principalID: "discogs:8") == nil)
        // Single use; and sessions opened with credentials can never be taken over.
        #expect(await registry.rebind(sse.id, to: Caller(principalID: "discogs:8", kind: "oauth")) == false)
        let owned = try await registry.create(principalID: "discogs:9", transport: .sse, negotiation: nil)
        #expect(await registry.rebind(owned.id, to: user) == false)
        let other = try await registry.create(principalID: "anonymous", transport: .sse, negotiation: nil)
        #expect(await registry.lookup(other.id, principalID: "anonymous")?.linkedCaller == nil)
    }

    @Test("the registry is bounded")
    func bounded() async throws {
        let (registry, _) = try registry(max: 2)
        _ = try await registry.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        _ = try await registry.create(principalID: "a", transport: .sse, negotiation: nil)
        await #expect(throws: SessionRegistry.Failure.self) {
            try await registry.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        }
    }

    @Test("idle sessions expire unless a stream is open, and expired ids are gone")
    func idleExpiry() async throws {
        let clock = ManualClock()
        let (registry, hub) = try registry(idle: .seconds(100), clock: ServerClock(clock))
        let idle = try await registry.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        let streaming = try await registry.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        _ = await streaming.outbox.attach(lastEventID: nil)
        #expect(await hub.subscriberCount(for: "a") == 2)
        clock.advance(by: .seconds(99))
        #expect(await registry.expireIdle() == 0)
        clock.advance(by: .seconds(2))
        #expect(await registry.expireIdle() == 1)
        #expect(await registry.lookup(idle.id, principalID: "a") == nil)
        #expect(await registry.lookup(streaming.id, principalID: "a") != nil)
        #expect(await hub.subscriberCount(for: "a") == 1)
    }

    @Test("after a restart, Streamable HTTP sessions are restored for their principal; SSE and ended ones are not")
    func restore() async throws {
        let path = TestServer.temporaryDatabase()
        let (first, _) = try registry(path: path)
        let kept = try await first.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        let ended = try await first.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        let sse = try await first.create(principalID: "a", transport: .sse, negotiation: nil)
        _ = await first.negotiated(sse.id, negotiation)
        await first.end(ended.id)

        let (second, hub) = try registry(path: path)
        #expect(await second.lookup(kept.id, principalID: "b") == nil)
        let restored = try #require(await second.lookup(kept.id, principalID: "a"))
        #expect(restored.revision == .v2025_11_25)
        #expect(await hub.subscriberCount(for: "a") == 1, "a restored session hears list changes again")
        #expect(await second.lookup(ended.id, principalID: "a") == nil)
        #expect(await second.lookup(sse.id, principalID: "a") == nil)
    }

    @Test("a persisted session idle past the timeout on the registry's clock is not restored")
    func staleNotRestored() async throws {
        let path = TestServer.temporaryDatabase()
        let manual = ManualClock()
        let clock = ServerClock(manual)
        let (first, _) = try registry(path: path, clock: clock)
        let active = try await first.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        let stale = try await first.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        manual.advance(by: .seconds(500))
        #expect(await first.lookup(active.id, principalID: "a") != nil, "activity after a minute is written through")
        manual.advance(by: .seconds(200))

        let (second, _) = try registry(path: path, clock: clock)
        #expect(await second.lookup(stale.id, principalID: "a") == nil, "idle 700 s of 600")
        #expect(await second.lookup(active.id, principalID: "a") != nil, "idle 200 s of 600")
    }

    @Test("in a fleet, an idle copy is forgotten while the database saw the session active, and ended once it saw it idle too")
    func fleetIdleCopies() async throws {
        let path = TestServer.temporaryDatabase()
        let manual = ManualClock()
        let clock = ServerClock(manual)
        let (a, _) = try registry(path: path, clock: clock)
        let (b, _) = try registry(path: path, clock: clock)
        await a.joinFleet(LocalInstanceBus(instanceID: "a"))
        await b.joinFleet(LocalInstanceBus(instanceID: "b"))
        let session = try await a.create(principalID: "a", transport: .streamableHTTP, negotiation: negotiation)
        #expect(await b.lookup(session.id, principalID: "a") != nil, "B serves it from the database")
        manual.advance(by: .seconds(500))
        #expect(await a.lookup(session.id, principalID: "a") != nil, "used on A: written through")
        manual.advance(by: .seconds(200))
        #expect(await b.expireIdle() == 0, "B's copy idled 700 s of 600, the database saw it 200 s ago")
        #expect(await b.holds(session.id) == false, "B's copy is gone")
        #expect(await a.holds(session.id), "A's stays")
        manual.advance(by: .seconds(500))
        #expect(await a.expireIdle() == 1, "idle 700 s on A and in the database: ended")
        #expect(await b.lookup(session.id, principalID: "a") == nil)
    }

    @Test("the outbox keeps a bounded replay buffer")
    func outboxBound() async throws {
        let outbox = SessionOutbox(capacity: 3, assignsEventIDs: true)
        for index in 0..<10 { await outbox.send(.notification(method: "n\(index)", params: nil)) }
        let (_, stream) = try #require(await outbox.attach(lastEventID: "0"))
        _ = try #require(await outbox.attach(lastEventID: nil), "a new stream takes over")
        var frames: [SSEFrame] = []
        for await frame in stream { frames.append(frame) }
        let ids = frames.compactMap { frame -> String? in
            if case .event(let id, _, _) = frame { return id }
            return nil
        }
        #expect(ids == ["8", "9", "10"])
        #expect(frames.last == .end, "the replaced stream ends")
        await outbox.close()
        #expect(await outbox.attach(lastEventID: nil) == nil, "a closed outbox opens no stream")
    }
}
