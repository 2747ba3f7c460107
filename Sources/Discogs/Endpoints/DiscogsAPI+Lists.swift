/// User lists: a user's lists (private ones only for the owner) and one list's items.
extension DiscogsAPI {
    public func userLists(username: String, page: Int = 1, perPage: Int = 50, as credential: DiscogsCredential) async throws -> Page<UserListSummary>
    {
        try await get("/users/\(username.pathSegment)/lists", query: Self.paging(page, perPage), cache: .userData, as: credential)
    }

    /// Not paginated: Discogs returns every item at once. A private list is 404 ("List not found") for anyone but its owner.
    public func list(id: Int, as credential: DiscogsCredential) async throws -> UserList {
        try await get("/lists/\(id)", cache: .userData, as: credential)
    }
}
