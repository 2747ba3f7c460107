/// A user list (releases, masters, artists or labels with comments).
public struct FakeUserList: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var type: String
        public var id: Int
        public var comment: String
    }

    public var id: Int
    public var owner: String
    public var name: String
    public var description: String
    public var isPublic: Bool
    public var dateAdded: Int
    public var dateChanged: Int
    public var items: [Item]
}
