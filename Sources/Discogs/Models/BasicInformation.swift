/// The release summary inside collection and wantlist items.
public struct BasicInformation: Codable, Sendable, Hashable {
    public var id: Int
    public var masterId: Int?
    public var title: String
    public var year: LenientInt?
    public var thumb: String?
    public var coverImage: String?
    public var resourceUrl: String?
    public var formats: [Format]?
    public var labels: [LabelCredit]?
    public var artists: [ArtistCredit]?
    public var genres: [String]?
    public var styles: [String]?
}
