/// A user's wantlist.
extension DiscogsAPI {
    static func wantsRoot(_ username: String) -> String { "/users/\(username.pathSegment)/wants" }

    public func wantlist(
        username: String,
        page: Int = 1,
        perPage: Int = 100,
        priority: RequestPriority = .interactive,
        as credential: DiscogsCredential
    ) async throws -> Page<Want> {
        try await get(Self.wantsRoot(username), query: Self.paging(page, perPage), cache: .userData, priority: priority, as: credential)
    }

    /// PUT: adds or updates (idempotent). Discogs may not store `notes`/`rating`; do not promise them.
    @discardableResult
    public func addToWantlist(
        username: String,
        releaseID: Int,
        notes: String? = nil,
        rating: Int? = nil,
        as credential: DiscogsCredential
    ) async throws -> Want {
        var body: [String: JSONBodyValue] = [:]
        if let notes { body["notes"] = .string(notes) }
        if let rating { body["rating"] = .int(min(max(rating, 0), 5)) }
        return try await write(.put, "\(Self.wantsRoot(username))/\(releaseID)", json: body, invalidates: [Self.wantsRoot(username)], as: credential)
            .decode()
    }

    /// DELETE: succeeds whether or not the release was wanted.
    public func removeFromWantlist(username: String, releaseID: Int, as credential: DiscogsCredential) async throws {
        try await write(.delete, "\(Self.wantsRoot(username))/\(releaseID)", invalidates: [Self.wantsRoot(username)], as: credential)
    }
}
