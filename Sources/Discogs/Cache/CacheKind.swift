/// What sort of answer a cached response is: decides its lifetime and who may be served it.
public enum CacheKind: String, Sendable, Hashable, CaseIterable {
    /// Releases, masters, artists and labels change rarely: a day.
    case database
    /// Search results and lists of versions or releases: a few minutes, since they shift with edits.
    case search
    /// Collections, wantlists, profiles, marketplace data: short, and always per user.
    case userData

    /// Time to live in seconds.
    public var defaultTTL: Duration {
        switch self {
        case .database: .seconds(24 * 3600)
        case .search: .seconds(5 * 60)
        case .userData: .seconds(60)
        }
    }

    /// Whether an answer may be shared between callers of the same tier.
    ///
    /// Database objects carry no per-user fields; everything else may (search `user_data`,
    /// versions' `stats.user`, private collections), so it is keyed by the caller's identity.
    public var isSharedAcrossUsers: Bool { self == .database }

    /// The cache partition for `credential`: shared entries are still split by tier, since
    /// anonymous answers have their image URLs blanked.
    public func scope(for credential: DiscogsCredential) -> String {
        if isSharedAcrossUsers { return credential.isAuthenticated ? "public:authenticated" : "public:anonymous" }
        return credential.identity
    }
}
