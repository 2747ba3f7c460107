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

/// A format line: "Vinyl", qty "2", descriptions ["LP", "Album"].
public struct Format: Codable, Sendable, Hashable {
    public var name: String
    public var qty: LenientString?
    public var descriptions: [String]?
    public var text: String?
}

/// An image; URLs are signed and opaque, and empty for anonymous callers.
public struct DiscogsImage: Codable, Sendable, Hashable {
    public var type: String?
    public var uri: String?
    public var uri150: String?
    public var width: Int?
    public var height: Int?
}

public struct Video: Codable, Sendable, Hashable {
    public var uri: String
    public var title: String?
    public var duration: Int?
}

/// A tracklist entry; `type` is track, heading or index (whose parts are `subTracks`).
public struct Track: Codable, Sendable, Hashable {
    public var position: String?
    public var type: String?
    public var title: String
    public var duration: String?
    public var artists: [ArtistCredit]?
    public var extraartists: [ArtistCredit]?
    public var subTracks: [Track]?

    private enum CodingKeys: String, CodingKey {
        case position, type = "type_", title, duration, artists, extraartists, subTracks
    }
}

public struct Identifier: Codable, Sendable, Hashable {
    public var type: String
    public var value: String?
    public var description: String?
}

/// Community average rating.
public struct RatingSummary: Codable, Sendable, Hashable {
    public var count: Int
    public var average: Double
}

public struct Community: Codable, Sendable, Hashable {
    public var have: Int?
    public var want: Int?
    public var rating: RatingSummary?
    public var dataQuality: String?
    public var status: String?
}

/// `stats` on versions and artist/label releases: community counts and, when signed in, the caller's.
public struct ItemStats: Codable, Sendable, Hashable {
    public struct Counts: Codable, Sendable, Hashable {
        public var inWantlist: Int?
        public var inCollection: Int?
    }
    public var community: Counts?
    public var user: Counts?
}

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
