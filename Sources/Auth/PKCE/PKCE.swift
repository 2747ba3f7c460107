import Crypto
import Foundation

/// PKCE (RFC 7636), S256 only.
///
/// OAuth 2.1 and MCP require PKCE for every client; `plain` would let anyone who sees the
/// authorization request redeem the code, so it is refused along with a missing challenge.
public enum PKCE {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missingChallenge
        case unsupportedMethod(String)
        case malformedChallenge
        case malformedVerifier
        case mismatch

        public var description: String {
            switch self {
            case .missingChallenge: return "code_challenge is required (PKCE with S256)"
            case .unsupportedMethod(let method): return "code_challenge_method \(method.isEmpty ? "(missing)" : method) is not supported; use S256"
            case .malformedChallenge: return "code_challenge must be 43 base64url characters (S256)"
            case .malformedVerifier: return "code_verifier must be 43-128 characters of [A-Za-z0-9-._~]"
            case .mismatch: return "code_verifier does not match the code_challenge"
            }
        }
    }

    /// Validates the authorization request's challenge parameters; returns the challenge.
    public static func validateChallenge(_ challenge: String?, method: String?) throws(Failure) -> String {
        guard let method, !method.isEmpty else { throw .unsupportedMethod("") }
        guard method == "S256" else { throw .unsupportedMethod(method) }
        guard let challenge, !challenge.isEmpty else { throw .missingChallenge }
        guard challenge.utf8.count == 43, challenge.utf8.allSatisfy(isBase64URL) else { throw .malformedChallenge }
        return challenge
    }

    /// `BASE64URL(SHA256(verifier))` without padding.
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Checks a token request's verifier against the stored challenge in constant time.
    public static func verify(verifier: String?, challenge: String) throws(Failure) {
        guard let verifier, (43...128).contains(verifier.utf8.count), verifier.utf8.allSatisfy(isUnreserved) else {
            throw .malformedVerifier
        }
        guard ConstantTime.equal(Self.challenge(for: verifier), challenge) else { throw .mismatch }
    }

    static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default: return false
        }
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        isBase64URL(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }
}
