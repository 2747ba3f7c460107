import Auth
import Foundation
import Storage
import Testing

@Suite("Consent CSRF tokens: timed and single use")
struct ConsentCSRFTests {
    static let fields = ["client", "https://app.example/cb", "challenge", "state", "https://mcp.example/mcp", "read write"]

    @Test("a token works once, within the cookie's lifetime, for the browser and fields it was made for")
    func lifecycle() {
        let clock = TestClock()
        let csrf = ConsentCSRF(keyMaterial: String(repeating: "k", count: 40), clock: clock.server)
        let nonce = csrf.newNonce()
        let token = csrf.token(nonce: nonce, fields: Self.fields)
        #expect(csrf.check(token: token, nonce: "other-browser", fields: Self.fields) == .invalid)
        #expect(csrf.check(token: token, nonce: nonce, fields: Array(Self.fields.dropLast()) + ["read write marketplace"]) == .invalid)
        // The issue time is under the MAC: moving it forward to extend the token breaks it.
        let forged = "\(Int(clock.now.timeIntervalSince1970) + 500)" + token.drop { $0 != "." }
        #expect(csrf.check(token: forged, nonce: nonce, fields: Self.fields) == .invalid)
        clock.advance(TimeInterval(ConsentCSRF.lifetime - 5))
        #expect(csrf.check(token: token, nonce: nonce, fields: Self.fields) == .valid)
        #expect(csrf.check(token: token, nonce: nonce, fields: Self.fields) == .reused)

        let late = csrf.token(nonce: nonce, fields: Self.fields)
        clock.advance(TimeInterval(ConsentCSRF.lifetime + 1))
        #expect(csrf.check(token: late, nonce: nonce, fields: Self.fields) == .expired)
        #expect(csrf.check(token: "garbage", nonce: nonce, fields: Self.fields) == .invalid)
        #expect(csrf.check(token: nil, nonce: nonce, fields: Self.fields) == .invalid)
    }

    @Test("the login-start limiter counts per address over a sliding hour")
    func loginStarts() async {
        let clock = TestClock()
        let limiter = LoginStartLimiter(perHour: 2, clock: clock.server)
        #expect(await limiter.admit("198.51.100.1") == nil)
        #expect(await limiter.admit("198.51.100.1") == nil)
        let wait = await limiter.admit("198.51.100.1")
        #expect(wait != nil && wait! > 3000)
        #expect(await limiter.admit("198.51.100.2") == nil)
        clock.advance(3601)
        #expect(await limiter.admit("198.51.100.1") == nil)
    }
}
