/// A collection folder; ids 0 ("All") and 1 ("Uncategorized") always exist and are not stored.
public struct FakeFolder: Sendable, Hashable {
    public var id: Int
    public var name: String
}
