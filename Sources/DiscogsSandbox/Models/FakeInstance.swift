/// One copy of a release in a user's collection.
public struct FakeInstance: Sendable, Hashable {
    public var instanceID: Int
    public var releaseID: Int
    public var folderID: Int
    public var rating: Int
    /// Seconds since 1970.
    public var dateAdded: Int
    /// Custom field values by field id.
    public var fieldValues: [Int: String] = [:]
}
