/// Everything the fake Discogs knows about its catalog and accounts, as one value.
///
/// A plain value so that the generator can build it without the actor and tests can read a
/// snapshot as ground truth; `FakeDiscogsState` owns the live copy and applies writes to it.
public struct FakeDiscogsData: Sendable {
    public var releases: [Int: FakeRelease] = [:]
    public var masters: [Int: FakeMaster] = [:]
    public var artists: [Int: FakeArtist] = [:]
    public var labels: [Int: FakeLabel] = [:]
    /// Accounts keyed by lowercased username (Discogs usernames are case-insensitive in URLs).
    public var users: [String: FakeUser] = [:]
    /// Custom folders (id ≥ 2) per lowercased username; 0 and 1 are implicit.
    public var folders: [String: [FakeFolder]] = [:]
    /// Collection copies per lowercased username, in the order they were added.
    public var instances: [String: [FakeInstance]] = [:]
    public var fields: [String: [FakeCollectionField]] = [:]
    public var wants: [String: [FakeWant]] = [:]
    public var lists: [Int: FakeUserList] = [:]
    public var listings: [Int: FakeListing] = [:]
    public var orders: [String: FakeOrder] = [:]
    public var messages: [String: [FakeOrderMessage]] = [:]
    /// Users' own ratings per release id, keyed by lowercased username.
    public var releaseRatings: [Int: [String: Int]] = [:]

    public var nextInstanceID = 1_000_000_001
    public var nextFolderID = 2
    public var nextListingID = 3_000_000_001
    public var nextOrderNumber = 1

    public init() {}

    /// The account, looked up case-insensitively.
    public func user(_ username: String) -> FakeUser? { users[username.lowercased()] }

    /// A user's custom folders plus the two fixed ones, with live counts.
    public func allFolders(of username: String) -> [(folder: FakeFolder, count: Int)] {
        let key = username.lowercased()
        let copies = instances[key] ?? []
        var counts: [Int: Int] = [:]
        for copy in copies { counts[copy.folderID, default: 0] += 1 }
        var result: [(FakeFolder, Int)] = [
            (FakeFolder(id: 0, name: "All"), copies.count),
            (FakeFolder(id: 1, name: "Uncategorized"), counts[1] ?? 0),
        ]
        for folder in folders[key] ?? [] { result.append((folder, counts[folder.id] ?? 0)) }
        return result
    }

    /// The copies in a folder (0 means every copy).
    public func copies(of username: String, inFolder folderID: Int) -> [FakeInstance] {
        let copies = instances[username.lowercased()] ?? []
        return folderID == 0 ? copies : copies.filter { $0.folderID == folderID }
    }

    /// Listings for sale by a seller, or every status when `status` is "All".
    public func inventory(of seller: String, status: String = "For Sale") -> [FakeListing] {
        listings.values
            .filter { $0.seller.lowercased() == seller.lowercased() && (status == "All" || $0.status == status) }
            .sorted { $0.id < $1.id }
    }
}
