/// An artist (person or group) in the fake catalog.
public struct FakeArtist: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var realName: String
    public var profile: String
    public var nameVariations: [String]
    /// Member artist ids when this artist is a group.
    public var memberIDs: [Int] = []
    public var urls: [String] = []
}
