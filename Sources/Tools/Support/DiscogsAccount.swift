import Discogs
import MCP

/// The Discogs account a caller acts as: whose data, and which credential signs the calls.
public struct DiscogsAccount: Sendable, Hashable {
    public var username: String
    public var credential: DiscogsCredential

    public init(username: String, credential: DiscogsCredential) {
        self.username = username
        self.credential = credential
    }
}

/// Finds the Discogs account behind a caller.
///
/// A protocol because the answer lives outside the tool layer: the operator's personal token in
/// single-user mode, the token vault's sealed Discogs credentials for OAuth users.
public protocol DiscogsAccountResolver: Sendable {
    /// The caller's account, or nil when the caller has none (anonymous).
    func account(for caller: Caller) async throws -> DiscogsAccount?
}

/// A resolver with a fixed answer per principal id, for single-user mode and tests.
public struct FixedAccountResolver: DiscogsAccountResolver {
    public let accounts: [String: DiscogsAccount]

    public init(_ accounts: [String: DiscogsAccount]) {
        self.accounts = accounts
    }

    public func account(for caller: Caller) async throws -> DiscogsAccount? {
        accounts[caller.principalID]
    }
}
