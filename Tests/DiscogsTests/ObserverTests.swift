import Foundation
import Locking
import Testing

@testable import Discogs

/// What the client reports to metrics.
@Suite struct ObserverTests {
    final class Recorder: DiscogsClientObserver {
        let events = Locked<[String]>([])
        func upstreamRequest(endpoint: String, method: String, status: Int?, duration: Duration) {
            events.withLock { $0.append("request \(method) \(endpoint) \(status.map(String.init) ?? "none")") }
        }
        func upstreamBudget(limit: Int?, remaining: Int?) {
            events.withLock { $0.append("budget \(limit ?? -1) \(remaining ?? -1)") }
        }
        func governorWaited(_ duration: Duration, priority: RequestPriority) {
            events.withLock { $0.append("waited \(priority)") }
        }
        func cacheLookup(kind: CacheKind, hit: Bool) {
            events.withLock { $0.append("cache \(kind.rawValue) \(hit ? "hit" : "miss")") }
        }
    }

    @Test func templatesAreBounded() {
        #expect(
            DiscogsRequest(.get, "/users/alice/collection/folders/0/releases").endpointTemplate
                == "/users/{username}/collection/folders/{id}/releases"
        )
        #expect(DiscogsRequest(.get, "/releases/249504").endpointTemplate == "/releases/{id}")
        #expect(DiscogsRequest(.get, "/marketplace/orders/7000001-1/messages").endpointTemplate == "/marketplace/orders/{id}/messages")
        #expect(DiscogsRequest(.get, "/database/search").endpointTemplate == "/database/search")
    }

    @Test func everyExchangeIsReported() async throws {
        let recorder = Recorder()
        try await DiscogsStub.run { port, _ in
            let client = DiscogsClient(configuration: DiscogsStub.configuration(port: port), observer: recorder)
            _ = try await client.send(DiscogsRequest(.get, "/echo"), as: .personalToken("abc"))
            try await client.shutdown()
        }
        let events = recorder.events.withLock { $0 }
        #expect(events.contains("waited interactive"))
        #expect(events.contains("request GET /echo 200"))
        #expect(events.contains { $0.hasPrefix("budget 60 ") })
    }

    /// Login steps queue behind tool calls and leave them the reserved share of the budget (issue 17).
    @Test func loginCallsWaitAtBackgroundPriority() async throws {
        let recorder = Recorder()
        try await DiscogsStub.run { port, _ in
            let client = DiscogsClient(configuration: DiscogsStub.configuration(port: port), observer: recorder)
            _ = try await client.requestToken(callback: URL(string: "https://host.test/discogs/callback"))
            _ = try await client.accessToken(requestToken: "rt111", secret: "rts222", verifier: "ver333")
            try await client.shutdown()
        }
        let waits = recorder.events.withLock { $0 }.filter { $0.hasPrefix("waited ") }
        #expect(waits == ["waited background", "waited background"])
    }
}
