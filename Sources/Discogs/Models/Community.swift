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
