import Foundation

/// The server secret that keys encryption at rest and signed state.
///
/// Taken from configuration when set; otherwise generated once and kept next to the database
/// (mode 0600) so restarts can still open what earlier runs sealed.
public struct ServerSecret: Sendable {
    public let value: String
    /// Whether the secret was generated (or loaded from the generated file) rather than configured.
    public let isGenerated: Bool

    public static let minimumLength = 32

    public enum Failure: Error, CustomStringConvertible {
        case tooShort
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .tooShort:
                return "DISCOGS_MCP_SECRET must be at least \(ServerSecret.minimumLength) characters"
            case .unreadable(let path, let reason):
                return "cannot read or create the server secret file \(path): \(reason)"
            }
        }
    }

    /// Resolves the secret: `configured` when present, else the file in `dataDirectory`, else a new one.
    public static func resolve(configured: String?, dataDirectory: String) throws -> ServerSecret {
        if let configured, !configured.isEmpty {
            guard configured.count >= minimumLength else { throw Failure.tooShort }
            return ServerSecret(value: configured, isGenerated: false)
        }
        let path = (dataDirectory as NSString).appendingPathComponent("server-secret")
        do {
            if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
                existing.count >= minimumLength
            {
                return ServerSecret(value: existing, isGenerated: true)
            }
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let secret = Data(bytes).base64EncodedString()
            guard FileManager.default.createFile(atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Failure.unreadable(path: path, reason: "the file could not be written")
            }
            return ServerSecret(value: secret, isGenerated: true)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.unreadable(path: path, reason: "\(error)")
        }
    }
}
