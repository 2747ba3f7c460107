import Foundation
import Storage
import Testing

@Suite("SecretBox")
struct SecretBoxTests {
    let box = SecretBox(keyMaterial: String(repeating: "k", count: 40))

    @Test("sealed secrets open with the same key and context")
    func roundTrip() throws {
        let sealed = try box.seal("discogs-token-secret", context: "upstream:u1:secret")
        #expect(sealed.first == SecretBox.currentVersion)
        #expect(!String(decoding: sealed, as: UTF8.self).contains("discogs-token-secret"))
        #expect(try box.openString(sealed, context: "upstream:u1:secret") == "discogs-token-secret")
    }

    @Test("sealing twice gives different ciphertexts (fresh nonce)")
    func freshNonce() throws {
        #expect(try box.seal("x", context: "c") != box.seal("x", context: "c"))
    }

    @Test("any altered byte fails authentication")
    func tamper() throws {
        let sealed = try box.seal("secret", context: "c")
        for index in 1..<sealed.count {
            var altered = sealed
            altered[altered.startIndex + index] ^= 0x01
            #expect(throws: SecretBox.Failure.authenticationFailed) { try box.open(altered, context: "c") }
        }
    }

    @Test("another key or another context cannot open it")
    func wrongKeyOrContext() throws {
        let sealed = try box.seal("secret", context: "upstream:a:token")
        let other = SecretBox(keyMaterial: String(repeating: "j", count: 40))
        #expect(throws: SecretBox.Failure.authenticationFailed) { try other.open(sealed, context: "upstream:a:token") }
        #expect(throws: SecretBox.Failure.authenticationFailed) { try box.open(sealed, context: "upstream:b:token") }
    }

    @Test("unknown versions and truncated input are reported as such")
    func versionAndTruncation() throws {
        var sealed = try box.seal("secret", context: "c")
        #expect(throws: SecretBox.Failure.malformed) { try box.open(sealed.prefix(20), context: "c") }
        #expect(throws: SecretBox.Failure.malformed) { try box.open(Data(), context: "c") }
        sealed[sealed.startIndex] = 9
        #expect(throws: SecretBox.Failure.unsupportedVersion(9)) { try box.open(sealed, context: "c") }
    }
}
