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

/// A video Discogs lists for a release or master (mostly YouTube); `duration` in seconds.
public struct Video: Codable, Sendable, Hashable {
    public var uri: String
    public var title: String?
    public var description: String?
    public var duration: LenientInt?
    public var embed: Bool?
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
        case position
        case type = "type_"
        case title, duration, artists, extraartists, subTracks
    }
}

public struct Identifier: Codable, Sendable, Hashable {
    public var type: String
    public var value: String?
    public var description: String?
}
