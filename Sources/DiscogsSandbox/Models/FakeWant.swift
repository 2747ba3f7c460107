/// A wantlist entry.
public struct FakeWant: Sendable, Hashable {
    public var releaseID: Int
    public var rating: Int
    public var notes: String
    public var dateAdded: Int
}
