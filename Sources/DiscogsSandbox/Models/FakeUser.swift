/// A Discogs account in the fake, with the profile fields `/users/{username}` shows.
public struct FakeUser: Sendable, Hashable {
    public var id: Int
    public var username: String
    public var name: String
    public var email: String
    public var location: String
    public var profile: String
    public var homePage: String = ""
    /// The currency used for collection value, price suggestions and listings (`curr_abbr`).
    public var currency: String = "USD"
    /// Seconds since 1970.
    public var registered: Int
    public var collectionIsPublic: Bool = true
    public var wantlistIsPublic: Bool = true
    /// Whether seller settings are filled in; price suggestions answer 404 without them.
    public var hasSellerSettings: Bool = true
    public var rank: Double = 12
    public var releasesRated: Int = 0

    public init(
        id: Int,
        username: String,
        name: String = "",
        email: String = "",
        location: String = "",
        profile: String = "",
        registered: Int = 1_262_304_000
    ) {
        self.id = id
        self.username = username
        self.name = name
        self.email = email.isEmpty ? "\(username)@example.invalid" : email
        self.location = location
        self.profile = profile
        self.registered = registered
    }
}
