/// One entry of `GET /users/{u}/lists`: a list's name and visibility, without its items.
public struct UserListSummary: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var description: String?
    public var `public`: Bool?
    public var dateAdded: String?
    public var dateChanged: String?
    public var uri: String?
    public var resourceUrl: String?
}

/// `GET /lists/{id}`: a list with its items (releases, masters, artists or labels with comments).
///
/// Decoded in the live 2026 shape (`id`, `date_added`, `user`, `items[].stats`), not the older
/// documented one (`list_id`, `created_ts`); every addition is optional.
public struct UserList: Codable, Sendable, Hashable {
    public struct Owner: Codable, Sendable, Hashable {
        public var id: Int?
        public var username: String
    }
    public struct Item: Codable, Sendable, Hashable {
        public var id: Int
        /// release, master, artist or label.
        public var type: String
        public var displayTitle: String?
        public var comment: String?
        public var uri: String?
        public var resourceUrl: String?
        public var imageUrl: String?
        public var stats: ItemStats?
    }
    public var id: Int
    public var name: String
    public var description: String?
    public var `public`: Bool?
    public var dateAdded: String?
    public var dateChanged: String?
    public var uri: String?
    public var imageUrl: String?
    public var user: Owner?
    public var items: [Item]
}
