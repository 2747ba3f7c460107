import Discogs
import MCP

/// What happens when Discogs refuses a caller's own credentials (401 on their call).
///
/// For an OAuth user that means they revoked this app at Discogs: their grants here are useless and
/// their stored Discogs secrets dead, so the resolver ends both and the answer tells them to
/// reconnect; the client's next request then gets 401 `invalid_token` and re-runs OAuth by itself.
public protocol CredentialRefusalHandling: Sendable {
    /// Ends what depends on `caller`'s refused credential; returns the sentence for the answer, or
    /// nil when nothing was ended (single-user tokens, anonymous callers).
    func credentialRefused(for caller: Caller) async -> String?

    /// Discogs refused this server's application itself (its consumer key), not the caller's token:
    /// nothing of the caller's is ended; returns the sentence for the answer. Implementations tell
    /// the operator (the log), since only they can mend it.
    func applicationRefused(message: String?) async -> String
}

/// Wraps a tool so that a Discogs 401 on the caller's own credential ends their grant (see
/// `CredentialRefusalHandling`) and the answer says to reconnect.
///
/// A 401 that refuses the application (`DiscogsError.refusesTheApplication`: a deleted app or a
/// replaced consumer key, an operator's mistake) ends nobody's grant: otherwise one bad setting
/// would sign every user out.
public struct CredentialRefusalGuard: Tool {
    let inner: any Tool
    let handler: any CredentialRefusalHandling

    public var definition: ToolDefinition { inner.definition }

    public init(_ inner: any Tool, handler: any CredentialRefusalHandling) {
        self.inner = inner
        self.handler = handler
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        do {
            return try await inner.call(arguments, context: context)
        } catch let error as DiscogsError where error.refusesTheApplication {
            guard case .unauthorized(let message) = error else { throw error }
            throw ToolFailure(await handler.applicationRefused(message: message))
        } catch DiscogsError.unauthorized(let message) {
            if let sentence = await handler.credentialRefused(for: context.caller) { throw ToolFailure(sentence) }
            throw DiscogsError.unauthorized(message: message)
        }
    }

    /// Every tool of `tools` guarded by `handler`.
    public static func guarding(_ tools: [any Tool], with handler: any CredentialRefusalHandling) -> [any Tool] {
        tools.map { CredentialRefusalGuard($0, handler: handler) }
    }
}
