/// `GET /releases/{id}`: one specific pressing.
public struct Release: Codable, Sendable, Hashable {
    public var id: Int
    public var title: String
    public var status: String?
    public var year: LenientInt?
    public var country: String?
    public var released: String?
    public var releasedFormatted: String?
    public var uri: String?
    public var resourceUrl: String?
    public var artistsSort: String?
    public var artists: [ArtistCredit]?
    public var extraartists: [ArtistCredit]?
    public var labels: [LabelCredit]?
    public var companies: [LabelCredit]?
    public var series: [LabelCredit]?
    public var formats: [Format]?
    public var genres: [String]?
    public var styles: [String]?
    public var masterId: Int?
    public var community: Community?
    public var numForSale: Int?
    /// A bare number on releases (the caller's currency); an object on marketplace stats; or null.
    public var lowestPrice: Price?
    public var notes: String?
    public var dataQuality: String?
    public var identifiers: [Identifier]?
    public var videos: [Video]?
    public var tracklist: [Track]?
    public var images: [DiscogsImage]?
    public var thumb: String?
    public var dateAdded: String?
    public var dateChanged: String?
}

/// `GET /releases/{id}/rating/{username}`.
public struct UserReleaseRating: Codable, Sendable, Hashable {
    public var username: String
    public var releaseId: Int
    /// 0 when unrated.
    public var rating: Int
}

/// `GET /releases/{id}/rating`: the community's.
public struct CommunityReleaseRating: Codable, Sendable, Hashable {
    public var releaseId: Int
    public var rating: RatingSummary
}
