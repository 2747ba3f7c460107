/// A custom collection field (dropdown or textarea), as `/collection/fields` lists it.
public struct FakeCollectionField: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var type: String
    public var options: [String] = []
    public var lines: Int = 0
    public var position: Int
    public var isPublic: Bool

    /// The three fields every Discogs account starts with.
    public static let defaults: [FakeCollectionField] = [
        FakeCollectionField(id: 1, name: "Media Condition", type: "dropdown", options: FakeCondition.media, position: 1, isPublic: true),
        FakeCollectionField(id: 2, name: "Sleeve Condition", type: "dropdown", options: FakeCondition.sleeve, position: 2, isPublic: true),
        FakeCollectionField(id: 3, name: "Notes", type: "textarea", lines: 3, position: 3, isPublic: false),
    ]
}
