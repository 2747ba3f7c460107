/// An artist as credited on a release (with `anv`, the name variation, and a join word).
public struct ArtistCredit: Codable, Sendable, Hashable {
    public var id: Int?
    public var name: String
    public var anv: String?
    public var join: String?
    public var role: String?
    public var tracks: String?
    public var resourceUrl: String?
}

/// A label (or company) credit with its catalogue number.
public struct LabelCredit: Codable, Sendable, Hashable {
    public var id: Int?
    public var name: String
    public var catno: String?
    public var entityTypeName: String?
    public var resourceUrl: String?
}
