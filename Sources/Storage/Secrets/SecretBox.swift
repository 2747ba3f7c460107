import Crypto
import Foundation

/// Seals small secrets (Discogs tokens and secrets) with AES-256-GCM for storage at rest.
///
/// The key is derived with HKDF-SHA256 from the server secret, so the database alone never
/// reveals an upstream credential. Every ciphertext starts with a format version byte, so the
/// algorithm or key derivation can change later without breaking what earlier runs sealed.
/// A `context` string is bound as associated data: a ciphertext copied to another row or
/// purpose fails to open instead of silently decrypting.
public struct SecretBox: Sendable {
    /// Format 1: `0x01 ‖ nonce (12) ‖ ciphertext ‖ tag (16)`, AES-256-GCM, HKDF-SHA256 key.
    public static let currentVersion: UInt8 = 1

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed
        case unsupportedVersion(UInt8)
        /// Wrong key, wrong context, or the bytes were altered.
        case authenticationFailed

        public var description: String {
            switch self {
            case .malformed: return "sealed secret is truncated or malformed"
            case .unsupportedVersion(let version): return "sealed secret has unsupported format version \(version)"
            case .authenticationFailed:
                return "sealed secret failed authentication (altered data, or DISCOGS_MCP_SECRET changed since it was sealed)"
            }
        }
    }

    private let key: SymmetricKey

    /// Derives the sealing key from raw key material (normally the server secret's value).
    public init(keyMaterial: String) {
        self.key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(keyMaterial.utf8)),
            salt: Data("discogs-mcp/secretbox".utf8),
            info: Data("aes-256-gcm v1".utf8),
            outputByteCount: 32
        )
    }

    public init(secret: ServerSecret) {
        self.init(keyMaterial: secret.value)
    }

    /// Encrypts `plaintext`, binding it to `context` (e.g. `"upstream:<subject>:token"`).
    public func seal(_ plaintext: Data, context: String) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw Failure.malformed }
        var output = Data([Self.currentVersion])
        output.append(combined)
        return output
    }

    public func seal(_ plaintext: String, context: String) throws -> Data {
        try seal(Data(plaintext.utf8), context: context)
    }

    /// Decrypts what `seal` produced with the same key and context.
    public func open(_ sealed: Data, context: String) throws -> Data {
        guard let version = sealed.first else { throw Failure.malformed }
        guard version == Self.currentVersion else { throw Failure.unsupportedVersion(version) }
        let body = sealed.dropFirst()
        guard body.count >= 12 + 16 else { throw Failure.malformed }
        do {
            let box = try AES.GCM.SealedBox(combined: body)
            return try AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
        } catch {
            throw Failure.authenticationFailed
        }
    }

    public func openString(_ sealed: Data, context: String) throws -> String {
        guard let string = String(data: try open(sealed, context: context), encoding: .utf8) else { throw Failure.malformed }
        return string
    }
}
