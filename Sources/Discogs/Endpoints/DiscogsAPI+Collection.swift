/// A user's collection: folders, items, value, custom fields, and the writes on them.
///
/// Every write invalidates the user's whole `/collection` subtree: counts, folder listings and
/// value all move together.
extension DiscogsAPI {
    static func collectionRoot(_ username: String) -> String { "/users/\(username.pathSegment)/collection" }

    public func collectionFolders(username: String, as credential: DiscogsCredential) async throws -> [CollectionFolder] {
        let answer: CollectionFolders = try await get("\(Self.collectionRoot(username))/folders", cache: .userData, as: credential)
        return answer.folders
    }

    public func createFolder(username: String, name: String, as credential: DiscogsCredential) async throws -> CollectionFolder {
        try await write(
            .post,
            "\(Self.collectionRoot(username))/folders",
            json: ["name": .string(name)],
            invalidates: [Self.collectionRoot(username)],
            as: credential
        )
        .decode()
    }

    public func renameFolder(username: String, folderID: Int, name: String, as credential: DiscogsCredential) async throws {
        try await write(
            .post,
            "\(Self.collectionRoot(username))/folders/\(folderID)",
            json: ["name": .string(name)],
            invalidates: [Self.collectionRoot(username)],
            as: credential
        )
    }

    /// Deletes an empty folder (Discogs refuses non-empty ones and folders 0 and 1).
    public func deleteFolder(username: String, folderID: Int, as credential: DiscogsCredential) async throws {
        try await write(.delete, "\(Self.collectionRoot(username))/folders/\(folderID)", invalidates: [Self.collectionRoot(username)], as: credential)
    }

    /// One page of a folder (0 = everything); `sort` ∈ label, artist, title, catno, format, rating, added, year.
    public func collectionReleases(
        username: String,
        folderID: Int = 0,
        page: Int = 1,
        perPage: Int = 100,
        sort: String? = nil,
        sortOrder: String? = nil,
        priority: RequestPriority = .interactive,
        as credential: DiscogsCredential
    ) async throws -> Page<CollectionItem> {
        try await get(
            "\(Self.collectionRoot(username))/folders/\(folderID)/releases",
            query: Self.paging(page, perPage) + [("sort", sort), ("sort_order", sortOrder)],
            cache: .userData,
            priority: priority,
            as: credential
        )
    }

    /// Every copy of one release in the collection, across folders.
    public func collectionInstances(username: String, releaseID: Int, as credential: DiscogsCredential) async throws -> Page<CollectionItem> {
        try await get("\(Self.collectionRoot(username))/releases/\(releaseID)", cache: .userData, as: credential)
    }

    public func collectionValue(username: String, as credential: DiscogsCredential) async throws -> CollectionValue {
        try await get("\(Self.collectionRoot(username))/value", cache: .userData, as: credential)
    }

    public func collectionFields(username: String, as credential: DiscogsCredential) async throws -> [CollectionField] {
        let answer: CollectionFields = try await get("\(Self.collectionRoot(username))/fields", cache: .userData, as: credential)
        return answer.fields
    }

    /// Adds a copy to a folder (not 0); returns the new instance id.
    public func addToCollection(username: String, releaseID: Int, folderID: Int = 1, as credential: DiscogsCredential) async throws -> AddedInstance {
        try await write(
            .post,
            "\(Self.collectionRoot(username))/folders/\(folderID)/releases/\(releaseID)",
            invalidates: [Self.collectionRoot(username)],
            as: credential
        ).decode()
    }

    public func removeFromCollection(
        username: String,
        folderID: Int,
        releaseID: Int,
        instanceID: Int,
        as credential: DiscogsCredential
    ) async throws {
        try await write(
            .delete,
            "\(Self.collectionRoot(username))/folders/\(folderID)/releases/\(releaseID)/instances/\(instanceID)",
            invalidates: [Self.collectionRoot(username)],
            as: credential
        )
    }

    /// Rates (0–5) and/or moves one copy; either may be nil.
    public func editInstance(
        username: String,
        folderID: Int,
        releaseID: Int,
        instanceID: Int,
        rating: Int? = nil,
        moveTo destination: Int? = nil,
        as credential: DiscogsCredential
    ) async throws {
        var body: [String: JSONBodyValue] = [:]
        if let rating { body["rating"] = .int(min(max(rating, 0), 5)) }
        if let destination { body["folder_id"] = .int(destination) }
        try await write(
            .post,
            "\(Self.collectionRoot(username))/folders/\(folderID)/releases/\(releaseID)/instances/\(instanceID)",
            json: body,
            invalidates: [Self.collectionRoot(username)],
            as: credential
        )
    }

    public func editCustomField(
        username: String,
        folderID: Int,
        releaseID: Int,
        instanceID: Int,
        fieldID: Int,
        value: String,
        as credential: DiscogsCredential
    ) async throws {
        try await write(
            .post,
            "\(Self.collectionRoot(username))/folders/\(folderID)/releases/\(releaseID)/instances/\(instanceID)/fields/\(fieldID)",
            json: ["value": .string(value)],
            invalidates: [Self.collectionRoot(username)],
            as: credential
        )
    }
}
