import Discogs
import MCP
import Tools

/// The Discogs account of single-user mode: the operator's personal token, whose username
/// Discogs tells us once (`/oauth/identity`) and we remember.
actor PersonalAccountResolver: DiscogsAccountResolver {
    private let principalID: String
    private let credential: DiscogsCredential
    private let api: any DiscogsAPI
    private var username: String?

    init(principalID: String, token: String, api: any DiscogsAPI) {
        self.principalID = principalID
        self.credential = .personalToken(token)
        self.api = api
    }

    /// The token's credential when `username` is its owner, for the index's background refresher.
    func credential(forUsername name: String) -> DiscogsCredential? {
        username?.lowercased() == name.lowercased() ? credential : nil
    }

    func account(for caller: Caller) async throws -> DiscogsAccount? {
        guard caller.principalID == principalID else { return nil }
        if let username { return DiscogsAccount(username: username, credential: credential) }
        let identity = try await api.identity(as: credential)
        username = identity.username
        return DiscogsAccount(username: identity.username, credential: credential)
    }
}
