/// A generated sample account: a catalog, a collector with a collection, wantlist, lists, inventory
/// and an order, plus credentials to act as them.
///
/// Deterministic for a given seed so tests can assert exact ground truth, and fast enough to build
/// a 10,000-item collection per test (sandbox mode builds one at start-up).
public struct SampleAccount: Sendable {
    public struct Options: Sendable {
        public var seed: UInt64 = 20_260_101
        public var username = "sandbox_collector"
        public var collectionSize = 300
        public var wantlistSize = 40
        /// Releases in the catalog that nobody in the sample owns or wants (search and browse fodder).
        public var extraCatalogReleases: Int?

        public init(seed: UInt64 = 20_260_101, username: String = "sandbox_collector", collectionSize: Int = 300, wantlistSize: Int = 40) {
            self.seed = seed
            self.username = username
            self.collectionSize = collectionSize
            self.wantlistSize = wantlistSize
        }
    }

    /// A second account, for owner-only checks and as the buyer of the sample order.
    public static let otherUsername = "crate_digger"
    /// A third account whose collection is public and shares about a quarter of the sample collector's
    /// releases, to compare collections with.
    public static let friendUsername = "shelf_friend"
    public static let personalToken = "sandbox-personal-token"
    public static let otherPersonalToken = "sandbox-other-token"
    public static let consumerKey = "sandbox-consumer-key"
    public static let consumerSecret = "sandbox-consumer-secret"
    public static let consumerName = "Discogs MCP Sandbox"
    public static let accessToken = "sandbox-access-token"
    public static let accessTokenSecret = "sandbox-access-secret"

    public let username: String
    public let userID: Int
    public var data: FakeDiscogsData
    public var credentials: FakeCredentials
    public let options: Options

    /// Builds the account.
    public static func generate(_ options: Options = Options()) -> SampleAccount {
        var generator = SampleCatalogGenerator(seed: options.seed)
        let collection = max(0, options.collectionSize)
        let catalogSize = collection + options.wantlistSize + (options.extraCatalogReleases ?? max(60, collection / 4)) + 30
        let artists = generator.artists(count: max(30, catalogSize / 8))
        let labels = generator.labels(count: max(12, min(400, catalogSize / 30)))
        let (releases, masters) = generator.releases(count: catalogSize, artists: artists, labels: labels)

        var data = FakeDiscogsData()
        for artist in artists { data.artists[artist.id] = artist }
        for label in labels { data.labels[label.id] = label }
        for release in releases { data.releases[release.id] = release }
        for master in masters { data.masters[master.id] = master }

        var user = FakeUser(
            id: 7_000_001,
            username: options.username,
            name: "Sandbox Collector",
            location: "Portland, Oregon",
            profile: "A generated sample account for trying the Discogs MCP server.",
            registered: SampleCatalogGenerator.epoch - 9 * 365 * 86_400
        )
        user.releasesRated = 0
        var other = FakeUser(
            id: 7_000_002,
            username: otherUsername,
            name: "Crate Digger",
            location: "Leeds, UK",
            profile: "Another collector.",
            registered: SampleCatalogGenerator.epoch - 4 * 365 * 86_400
        )
        other.currency = "GBP"
        other.collectionIsPublic = false
        let key = user.username.lowercased()
        data.users[key] = user
        data.users[other.username.lowercased()] = other
        data.fields[key] = FakeCollectionField.defaults
        data.fields[other.username.lowercased()] = FakeCollectionField.defaults

        var builder = SampleCollectionBuilder(random: generator.random, data: data)
        builder.fillCollection(username: user.username, size: collection, releases: releases)
        builder.fillCollection(username: other.username, size: min(25, releases.count), releases: releases.reversed())
        builder.fillWantlist(username: user.username, size: options.wantlistSize, releases: releases)
        builder.addLists(username: user.username)
        builder.addMarketplace(seller: user.username, buyer: other.username, currency: user.currency)
        SampleShowcase.add(to: &builder.data, username: user.username)
        addFriend(to: &builder, owner: user.username, releases: releases)

        var credentials = FakeCredentials()
        credentials.personalTokens[personalToken] = user.username
        credentials.personalTokens[otherPersonalToken] = other.username
        credentials.consumers[consumerKey] = .init(secret: consumerSecret, name: consumerName)
        credentials.accessTokens[accessToken] = .init(secret: accessTokenSecret, consumerKey: consumerKey, username: user.username)
        return SampleAccount(username: user.username, userID: user.id, data: builder.data, credentials: credentials, options: options)
    }

    /// The friend: every fourth release the collector owns (at most 80) and 70 they do not, in a public collection.
    static func addFriend(to builder: inout SampleCollectionBuilder, owner: String, releases: [FakeRelease]) {
        let friend = FakeUser(
            id: 7_000_003,
            username: friendUsername,
            name: "Shelf Friend",
            location: "Utrecht, NL",
            profile: "A friend to compare collections with.",
            registered: SampleCatalogGenerator.epoch - 6 * 365 * 86_400
        )
        builder.data.users[friendUsername] = friend
        builder.data.fields[friendUsername] = FakeCollectionField.defaults
        let owned = Set((builder.data.instances[owner.lowercased()] ?? []).map(\.releaseID))
        let shared = releases.filter { owned.contains($0.id) }.enumerated().filter { $0.offset % 4 == 0 }.map(\.element).prefix(80)
        let shelf = Array(shared) + releases.filter { !owned.contains($0.id) }.prefix(70)
        builder.fillCollection(username: friendUsername, size: shelf.count, releases: shelf)
    }
}
