import Foundation
import Locking

/// Removes secrets from log text, whatever a caller passes.
///
/// Three layers: metadata keys that name secrets are blanked whole; known secret values (the
/// server secret, Discogs credentials, every token the vault mints) are registered and replaced
/// wherever they appear; and patterns catch credential shapes nobody registered (`Bearer …`,
/// `token=…`, OAuth parameters, long random strings).
public final class Redactor: Sendable {
    public static let placeholder = "[REDACTED]"

    private let known = Locked<Set<String>>([])
    private let patterns: [NSRegularExpression]
    private static let sensitiveKeyParts = [
        "token", "secret", "authorization", "password", "cookie", "verifier", "signature", "code", "credential", "api_key", "apikey",
    ]

    public init() {
        let sources = [
            #"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+"#,
            #"(?i)\b(discogs\s+)?(token|secret|key|code|oauth_token|oauth_token_secret|oauth_verifier|oauth_signature|refresh_token|access_token|client_secret|code_verifier|password)"?\s*[=:]\s*"?[^\s",&;\]]+"#,
            #"(?i)\boauth_[a-z_]*(token|secret|verifier|signature)="?[^\s",&]+"#,
            #"[A-Za-z0-9_-]{40,}"#,
        ]
        patterns = sources.compactMap { try? NSRegularExpression(pattern: $0) }
    }

    /// Registers a secret value so it never appears in logs (values shorter than 6 characters are ignored).
    public func register(_ secret: String) {
        guard secret.count >= 6 else { return }
        _ = known.withLock { $0.insert(secret) }
    }

    public func isSensitiveKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        if lowered == "request_id" || lowered.hasSuffix(".id") && !lowered.contains("token") { return false }
        return Self.sensitiveKeyParts.contains { lowered.contains($0) }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in known.withLock({ $0 }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        for pattern in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: Self.placeholder)
        }
        return result
    }
}
