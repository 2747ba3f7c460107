import Auth
import Testing

@Suite("PKCE")
struct PKCETests {
    @Test("RFC 7636 Appendix B vector")
    func appendixB() throws {
        #expect(PKCE.challenge(for: Fixtures.verifier) == Fixtures.challenge)
        try PKCE.verify(verifier: Fixtures.verifier, challenge: Fixtures.challenge)
    }

    @Test("S256 is the only method; plain and missing are refused")
    func methods() throws {
        #expect(try PKCE.validateChallenge(Fixtures.challenge, method: "S256") == Fixtures.challenge)
        #expect(throws: PKCE.Failure.unsupportedMethod("plain")) { try PKCE.validateChallenge(Fixtures.challenge, method: "plain") }
        #expect(throws: PKCE.Failure.unsupportedMethod("")) { try PKCE.validateChallenge(Fixtures.challenge, method: nil) }
        #expect(throws: PKCE.Failure.missingChallenge) { try PKCE.validateChallenge(nil, method: "S256") }
        #expect(throws: PKCE.Failure.malformedChallenge) { try PKCE.validateChallenge("short", method: "S256") }
        #expect(throws: PKCE.Failure.malformedChallenge) { try PKCE.validateChallenge(String(repeating: "+", count: 43), method: "S256") }
    }

    @Test("missing, malformed and wrong verifiers fail")
    func verifiers() {
        #expect(throws: PKCE.Failure.malformedVerifier) { try PKCE.verify(verifier: nil, challenge: Fixtures.challenge) }
        #expect(throws: PKCE.Failure.malformedVerifier) { try PKCE.verify(verifier: "too-short", challenge: Fixtures.challenge) }
        #expect(throws: PKCE.Failure.malformedVerifier) {
            try PKCE.verify(verifier: String(repeating: "a", count: 129), challenge: Fixtures.challenge)
        }
        #expect(throws: PKCE.Failure.mismatch) { try PKCE.verify(verifier: String(repeating: "a", count: 43), challenge: Fixtures.challenge) }
        // The challenge itself is not a valid verifier for itself (plain is not accepted).
        #expect(throws: PKCE.Failure.mismatch) { try PKCE.verify(verifier: Fixtures.challenge, challenge: Fixtures.challenge) }
    }
}
