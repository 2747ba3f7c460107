/// One hit of `GET /database/search`; `year` is a string there, and artist/label hits carry little.
public struct SearchResult: Codable, Sendable, Hashable {
    public struct UserData: Codable, Sendable, Hashable {
        public var inWantlist: Bool?
        public var inCollection: Bool?
    }
    public var id: Int
    public var type: String
    public var title: String
    public var year: LenientInt?
    public var country: String?
    public var format: [String]?
    public var label: [String]?
    public var genre: [String]?
    public var style: [String]?
    public var catno: String?
    public var barcode: [String]?
    public var masterId: Int?
    public var uri: String?
    public var resourceUrl: String?
    public var thumb: String?
    public var coverImage: String?
    public var community: Community?
    public var userData: UserData?
    public var formats: [Format]?
}
