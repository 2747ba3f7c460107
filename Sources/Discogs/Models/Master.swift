/// `GET /masters/{id}`: the abstract work all pressings share.
public struct Master: Codable, Sendable, Hashable {
    public var id: Int
    public var title: String
    public var year: LenientInt?
    public var mainRelease: Int?
    public var mostRecentRelease: Int?
    public var uri: String?
    public var resourceUrl: String?
    public var artists: [ArtistCredit]?
    public var genres: [String]?
    public var styles: [String]?
    public var images: [DiscogsImage]?
    public var videos: [Video]?
    public var tracklist: [Track]?
    public var numForSale: Int?
    public var lowestPrice: Price?
    public var dataQuality: String?
}

/// One entry of `GET /masters/{id}/versions`.
public struct MasterVersion: Codable, Sendable, Hashable {
    public var id: Int
    public var title: String
    public var label: String?
    public var country: String?
    public var majorFormats: [String]?
    public var format: String?
    public var catno: String?
    public var released: String?
    public var status: String?
    public var thumb: String?
    public var resourceUrl: String?
    public var stats: ItemStats?
}
