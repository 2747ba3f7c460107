/// A master release: the group of versions that share one work.
public struct FakeMaster: Sendable, Hashable {
    public var id: Int
    public var title: String
    public var year: Int
    public var mainReleaseID: Int
    /// Every release id of this master, oldest first.
    public var versionIDs: [Int]
}
