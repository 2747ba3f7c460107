import Foundation
import Logging
import MCP
import Storage
import TestSupport
import Testing

@testable import Transports

/// Issue 14 point 3: caps per principal and per address, a share kept for signed-in
/// principals, listen streams counted, and anonymous sessions that end even with a stream open.
@Suite("Session capacity", .removesTemporaryFolders)
struct SessionCapacityTests {
    /// A registry whose clock moves only when the test says so.
    final class Harness: Sendable {
        let manual = ManualClock()
        let registry: SessionRegistry

        init(max: Int, limits: SessionLimits) throws {
            registry = SessionRegistry(
                repository: SQLiteSessionRepository(database: try Database(path: TestServer.temporaryDatabase())),
                listChanges: ListChangeHub(),
                maximumSessions: max,
                idleTimeout: .seconds(3600),
                limits: limits,
                logger: Logger(label: "test"),
                clock: ServerClock(manual)
            )
        }

        func advance(_ duration: Duration) { manual.advance(by: duration) }
    }

    static let negotiation = Negotiation(revision: .v2025_11_25, requestedVersion: nil, clientInfo: nil, clientCapabilities: [:])
    static let anonymous = Caller.anonymous.principalID

    func failure(_ body: () async throws -> Void) async -> SessionRegistry.Failure? {
        do {
            try await body()
            return nil
        } catch let failure as SessionRegistry.Failure {
            return failure
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("anonymous streams fill only their share; signed-in principals still get the reserved places")
    func reservedShare() async throws {
        let harness = try Harness(
            max: 5,
            limits: SessionLimits(perPrincipal: 10, perAddress: 10, reservedForSignedIn: 2, anonymousLifetime: .seconds(600))
        )
        let registry = harness.registry
        for index in 0..<3 {
            let session = try await registry.create(principalID: Self.anonymous, transport: .sse, negotiation: nil, address: "10.0.0.\(index)")
            _ = await session.outbox.attach(lastEventID: nil)
        }
        let refused = await failure {
            _ = try await registry.create(principalID: Self.anonymous, transport: .sse, negotiation: nil, address: "10.0.0.9")
        }
        #expect(refused == .full(limit: 3))
        _ = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation, address: "10.0.0.1")
        _ = try await registry.create(principalID: "discogs:2", transport: .streamableHTTP, negotiation: Self.negotiation, address: "10.0.0.1")
        let full = await failure {
            _ = try await registry.create(principalID: "discogs:3", transport: .streamableHTTP, negotiation: Self.negotiation)
        }
        #expect(full == .full(limit: 5))
    }

    @Test("one address holds at most its anonymous share; another address is still served")
    func perAddress() async throws {
        let harness = try Harness(
            max: 100,
            limits: SessionLimits(perPrincipal: 100, perAddress: 2, reservedForSignedIn: 0, anonymousLifetime: .seconds(600))
        )
        let registry = harness.registry
        _ = try await registry.create(principalID: Self.anonymous, transport: .sse, negotiation: nil, address: "10.0.0.1")
        _ = try await registry.openListenStream(principalID: Self.anonymous, address: "10.0.0.1")
        let refused = await failure {
            _ = try await registry.create(principalID: Self.anonymous, transport: .sse, negotiation: nil, address: "10.0.0.1")
        }
        #expect(refused == .addressFull(limit: 2))
        let listenRefused = await failure { _ = try await registry.openListenStream(principalID: Self.anonymous, address: "10.0.0.1") }
        #expect(listenRefused == .addressFull(limit: 2))
        _ = try await registry.create(principalID: Self.anonymous, transport: .sse, negotiation: nil, address: "10.0.0.2")
        // Signed-in principals are capped per principal, not per address.
        _ = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation, address: "10.0.0.1")
    }

    @Test("a principal's sessions and listen streams share its cap; closing a stream frees a place")
    func perPrincipal() async throws {
        let harness = try Harness(
            max: 100,
            limits: SessionLimits(perPrincipal: 3, perAddress: 100, reservedForSignedIn: 0, anonymousLifetime: .seconds(600))
        )
        let registry = harness.registry
        let streaming = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation)
        _ = await streaming.outbox.attach(lastEventID: nil)
        let first = try await registry.openListenStream(principalID: "discogs:1", address: nil)
        _ = try await registry.openListenStream(principalID: "discogs:1", address: nil)
        let refused = await failure {
            _ = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation)
        }
        #expect(refused == .principalFull(limit: 3))
        let listenRefused = await failure { _ = try await registry.openListenStream(principalID: "discogs:1", address: nil) }
        #expect(listenRefused == .principalFull(limit: 3))
        _ = try await registry.create(principalID: "discogs:2", transport: .streamableHTTP, negotiation: Self.negotiation)
        await registry.closeListenStream(first)
        _ = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation)
    }

    @Test("at its cap, a principal's least recently used session without a stream makes room for a new one")
    func evictsIdlest() async throws {
        let harness = try Harness(
            max: 100,
            limits: SessionLimits(perPrincipal: 3, perAddress: 100, reservedForSignedIn: 0, anonymousLifetime: .seconds(600))
        )
        let registry = harness.registry
        let oldest = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation)
        harness.advance(.seconds(1))
        let streaming = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation)
        _ = await streaming.outbox.attach(lastEventID: nil)
        harness.advance(.seconds(1))
        let recent = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation)
        harness.advance(.seconds(1))
        _ = try await registry.create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: Self.negotiation)
        #expect(await registry.lookup(oldest.id, principalID: "discogs:1") == nil)
        #expect(await registry.lookup(streaming.id, principalID: "discogs:1") != nil)
        #expect(await registry.lookup(recent.id, principalID: "discogs:1") != nil)
    }

    @Test("an anonymous session with an open stream ends after its lifetime unless it signed in", .timeLimit(.minutes(1)))
    func anonymousLifetime() async throws {
        let harness = try Harness(
            max: 100,
            limits: SessionLimits(perPrincipal: 100, perAddress: 100, reservedForSignedIn: 0, anonymousLifetime: .seconds(600))
        )
        let registry = harness.registry
        let lingering = try await registry.create(principalID: Self.anonymous, transport: .sse, negotiation: nil, address: "10.0.0.1")
        let (_, frames) = try #require(await lingering.outbox.attach(lastEventID: nil))
        let linked = try await registry.create(principalID: Self.anonymous, transport: .sse, negotiation: nil, address: "10.0.0.1")
        _ = await linked.outbox.attach(lastEventID: nil)
        #expect(await registry.rebind(linked.id, to: Caller(principalID: "discogs:7", kind: "oauth")))
        let owned = try await registry.create(principalID: "discogs:8", transport: .sse, negotiation: nil)
        _ = await owned.outbox.attach(lastEventID: nil)

        harness.advance(.seconds(599))
        #expect(await registry.expireIdle() == 0)
        harness.advance(.seconds(1))
        #expect(await registry.expireIdle() == 1)
        #expect(await registry.lookup(lingering.id, principalID: Self.anonymous) == nil)
        #expect(await registry.lookup(linked.id, principalID: "discogs:7") != nil)
        #expect(await registry.lookup(owned.id, principalID: "discogs:8") != nil)
        var received: [SSEFrame] = []
        for await frame in frames { received.append(frame) }
        #expect(received.last == .end, "the expired session's stream is closed")
    }
}
