/// A record label in the fake catalog.
public struct FakeLabel: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var profile: String
    public var contactInfo: String
    public var parentLabelID: Int?
    public var urls: [String] = []
}
