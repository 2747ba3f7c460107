import Foundation
import Logging
import Storage
import TestSupport
import Testing

@testable import Auth

/// Login links of a fleet: a link issued on one instance is shown, claimed and completed on
/// another, since both read the database (here a fake of `FleetStateRepository`; the PostgreSQL
/// one has its own test and the e2e fleet runs the real thing).
@Suite("Login links shared by a fleet")
struct FleetLoginLinkTests {
    actor FakeFleetState: FleetStateRepository {
        var values: [String: (Data, Date)] = [:]
        func put(_ key: String, _ value: Data, expiresAt: Date) { values[key] = (value, expiresAt) }
        func get(_ key: String, now: Date) -> Data? { values[key].flatMap { $0.1 > now ? $0.0 : nil } }
        func take(_ key: String, now: Date) -> Data? { values.removeValue(forKey: key).flatMap { $0.1 > now ? $0.0 : nil } }
        func remove(_ key: String) { values[key] = nil }
        func purge(before cutoff: Date) -> Int {
            let expired = values.filter { $0.value.1 < cutoff }.map(\.key)
            for key in expired { values[key] = nil }
            return expired.count
        }
        /// Whether any stored value contains `text` (it must not: values are sealed).
        func contains(_ text: String) -> Bool { values.values.contains { $0.0.range(of: Data(text.utf8)) != nil } }
    }

    static func instance(_ shared: FakeFleetState) -> LoginLinks {
        let state = FleetLoginLinkState(
            repository: shared,
            box: SecretBox(keyMaterial: String(repeating: "k", count: 40)),
            logger: Logger(label: "test")
        )
        return LoginLinks(base: "https://mcp.example", scopes: [.read], state: state)
    }

    @Test("issued on A; peeked, mistyped, claimed and its pending sign-in completed on B; single use; sealed at rest")
    func acrossInstances() async throws {
        let shared = FakeFleetState()
        let (a, b) = (Self.instance(shared), Self.instance(shared))
        let (url, code) = await a.issue(sessionID: "s1")
        let token = String(try #require(url.split(separator: "/").last))
        #expect(await b.peek(token)?.sessionID == "s1")
        #expect(await shared.contains(code) == false, "the code is sealed in the database")
        #expect(await b.claim(token, typedCode: "WRONG-CODE") == .wrongCode(remaining: LoginLinks.maximumCodeAttempts - 1))
        guard case .claimed(let link) = await b.claim(token, typedCode: code) else { throw TestFailure("not claimed") }
        #expect(link.sessionID == "s1")
        #expect(await a.claim(token, typedCode: code) == .gone, "single use across instances")
        let nonce = await b.beginPending(sessionID: "s1", requestToken: "rt", requestSecret: "request-secret", scopes: [.read])
        #expect(await shared.contains("request-secret") == false)
        #expect(await a.completePending(nonce: nonce, requestToken: "other") == nil)
        #expect(await a.completePending(nonce: nonce, requestToken: "rt")?.sessionID == "s1", "the callback may land on A")
        #expect(await b.completePending(nonce: nonce, requestToken: "rt") == nil, "once")
        // A new link for the same session retires the old one, wherever it was issued.
        let (first, _) = await a.issue(sessionID: "s2")
        _ = await b.issue(sessionID: "s2")
        #expect(await a.peek(String(first.split(separator: "/").last!)) == nil)
    }

    @Test("what the database holds expires on the state's clock, not the system's")
    func expiresOnItsClock() async throws {
        let shared = FakeFleetState()
        let manual = ManualClock()
        let clock = ServerClock(manual)
        let box = SecretBox(keyMaterial: String(repeating: "k", count: 40))
        let state = FleetLoginLinkState(repository: shared, box: box, logger: Logger(label: "test"), clock: clock)
        await state.putSessionLink("s1", key: "digest", expiresAt: clock.date.addingTimeInterval(10))
        manual.advance(by: .seconds(9))
        #expect(await state.sessionLink("s1") == "digest")
        manual.advance(by: .seconds(2))
        #expect(await state.sessionLink("s1") == nil, "expired 1 s ago on the clock")
    }

    struct TestFailure: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
