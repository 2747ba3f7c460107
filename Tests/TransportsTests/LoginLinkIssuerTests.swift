import Auth
import Foundation
import MCP
import Storage
import TestSupport
import Testing

@testable import App

/// The link a URL elicitation offered is repeated by `auth_status` until it expires, on the login
/// links' clock (a ManualClock here).
@Suite("Login link issuer: elicited links")
struct LoginLinkIssuerTests {
    @Test("auth_status repeats the elicited link until it expires on the links' clock, then issues a fresh one")
    func repeatsUntilExpiry() async throws {
        let manual = ManualClock()
        let links = LoginLinks(base: "https://mcp.example", scopes: [.read], lifetime: 600, clock: ServerClock(manual))
        let issuer = LoginLinkIssuer(links: links)
        let offered = try #require(await issuer.signInLink(sessionID: "s1"))
        manual.advance(by: .seconds(599))
        #expect(await issuer.loginLink(sessionID: "s1")?.url == offered.url, "still live: repeated")
        manual.advance(by: .seconds(2))
        let fresh = try #require(await issuer.loginLink(sessionID: "s1"))
        #expect(fresh.url != offered.url, "expired 1 s ago on the clock: a fresh link")
    }
}
