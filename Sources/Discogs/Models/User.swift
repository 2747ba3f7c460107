/// `GET /oauth/identity`: who an OAuth token or personal token acts for.
public struct Identity: Codable, Sendable, Hashable {
    public var id: Int
    public var username: String
    public var resourceUrl: String?
    public var consumerName: String?
}

/// `GET /users/{username}`; counts and `email` only for the owner (or public collections).
public struct UserProfile: Codable, Sendable, Hashable {
    public var id: Int
    public var username: String
    public var name: String?
    public var profile: String?
    public var homePage: String?
    public var location: String?
    public var registered: String?
    public var rank: Double?
    public var uri: String?
    public var avatarUrl: String?
    public var currAbbr: String?
    public var numCollection: Int?
    public var numWantlist: Int?
    public var numForSale: Int?
    public var numLists: Int?
    public var releasesContributed: Int?
    public var releasesRated: Int?
    public var ratingAvg: Double?
    public var buyerRating: Double?
    public var sellerRating: Double?
    public var email: String?
}
