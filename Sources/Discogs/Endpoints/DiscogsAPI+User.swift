/// Identity and profiles.
extension DiscogsAPI {
    /// `GET /oauth/identity`: the username a token acts for; never cached (it proves the grant still works).
    public func identity(as credential: DiscogsCredential) async throws -> Identity {
        try await get("/oauth/identity", cache: nil, as: credential)
    }

    public func userProfile(username: String, as credential: DiscogsCredential) async throws -> UserProfile {
        try await get("/users/\(username.pathSegment)", cache: .userData, as: credential)
    }
}
