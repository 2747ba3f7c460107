import Discogs
import MCP

/// What every Discogs tool shares: the client and the way to find the caller's account.
public struct DiscogsToolEnvironment: Sendable {
    public var api: any DiscogsAPI
    public var accounts: any DiscogsAccountResolver
    /// Signs public database reads for callers without an account (`.application` when the server has
    /// consumer credentials, which doubles Discogs' anonymous budget; `.none` otherwise).
    public var publicCredential: DiscogsCredential
    /// Told after every successful write, so the collection index stays current without a re-sync.
    public var changes: any AccountChangeListener

    public init(
        api: any DiscogsAPI,
        accounts: any DiscogsAccountResolver,
        publicCredential: DiscogsCredential,
        changes: any AccountChangeListener = IgnoreAccountChanges()
    ) {
        self.api = api
        self.accounts = accounts
        self.publicCredential = publicCredential
        self.changes = changes
    }

    /// The caller's account; a tool that needs one fails with a sign-in hint when there is none.
    public func account(for context: ToolContext) async throws -> DiscogsAccount {
        guard let account = try await accounts.account(for: context.caller) else {
            throw ToolFailure("This needs a Discogs account: sign in with Discogs first (call auth_status for how).")
        }
        return account
    }

    /// The credential for reads that work without an account but are better with one (database, images).
    public func readCredential(for context: ToolContext) async throws -> DiscogsCredential {
        try await accounts.account(for: context.caller)?.credential ?? publicCredential
    }
}
