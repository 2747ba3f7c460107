/// `GET /artists/{id}`.
public struct Artist: Codable, Sendable, Hashable {
    public struct Member: Codable, Sendable, Hashable {
        public var id: Int
        public var name: String
        public var active: Bool?
        public var resourceUrl: String?
    }
    public var id: Int
    public var name: String
    public var realname: String?
    public var profile: String?
    public var namevariations: [String]?
    public var aliases: [Member]?
    public var members: [Member]?
    public var groups: [Member]?
    public var urls: [String]?
    public var images: [DiscogsImage]?
    public var uri: String?
    public var resourceUrl: String?
    public var dataQuality: String?
}

/// One entry of `GET /artists/{id}/releases`: a master or a release, with the artist's role.
public struct ArtistRelease: Codable, Sendable, Hashable {
    public var id: Int
    public var type: String?
    public var mainRelease: Int?
    public var title: String
    public var artist: String?
    public var role: String?
    public var year: LenientInt?
    public var format: String?
    public var label: String?
    public var status: String?
    public var trackinfo: String?
    public var thumb: String?
    public var resourceUrl: String?
    public var stats: ItemStats?
}
