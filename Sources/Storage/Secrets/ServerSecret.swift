import Foundation

/// The server secret that keys encryption at rest and signed state.
///
/// Taken from configuration when set; otherwise generated once and kept next to the database
/// (created with mode 0600) so restarts can still open what earlier runs sealed.
public struct ServerSecret: Sendable {
    public let value: String
    /// Whether the secret was generated (or loaded from the generated file) rather than configured.
    public let isGenerated: Bool

    public static let minimumLength = 32

    /// Where a generated secret is kept.
    public static func filePath(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("server-secret")
    }

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
        let path = filePath(dataDirectory: dataDirectory)
        do {
            if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
                existing.count >= minimumLength
            {
                return ServerSecret(value: existing, isGenerated: true)
            }
            try PrivateFiles.createFolder(dataDirectory)
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let secret = Data(bytes).base64EncodedString()
            // Created 0600 by open(2) itself: a chmod after writing would leave the secret readable
            // for a moment. An existing file (too short to use) is not overwritten in place.
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            guard try PrivateFiles.createFile(path, contents: Data(secret.utf8)) else {
                throw Failure.unreadable(path: path, reason: "another process created it at the same time; start again")
            }
            return ServerSecret(value: secret, isGenerated: true)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.unreadable(path: path, reason: "\(error)")
        }
    }
}
