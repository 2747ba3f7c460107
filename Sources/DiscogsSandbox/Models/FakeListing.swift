/// A marketplace listing (an item in someone's inventory).
public struct FakeListing: Sendable, Hashable {
    public var id: Int
    public var releaseID: Int
    public var seller: String
    /// One of `FakeListing.statuses`.
    public var status: String
    public var price: Double
    public var currency: String
    public var condition: String
    public var sleeveCondition: String
    public var comments: String
    public var allowOffers: Bool
    public var location: String = ""
    public var weight: Int? = nil
    public var formatQuantity: Int? = nil
    public var externalID: String = ""
    /// Seconds since 1970.
    public var posted: Int
    public var shipsFrom: String

    public static let statuses = ["All", "Deleted", "Draft", "Expired", "For Sale", "Sold", "Suspended", "Violation"]
}
