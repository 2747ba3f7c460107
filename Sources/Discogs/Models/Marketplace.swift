/// `GET /marketplace/stats/{release_id}`; fields are null when nothing is for sale.
public struct MarketplaceStats: Codable, Sendable, Hashable {
    public var lowestPrice: Price?
    public var numForSale: Int?
    public var blockedFromSale: Bool?
}

/// A marketplace listing (inventory entry).
public struct Listing: Codable, Sendable, Hashable {
    public struct Seller: Codable, Sendable, Hashable {
        public var id: Int?
        public var username: String
    }
    public struct ReleaseSummary: Codable, Sendable, Hashable {
        public var id: Int
        public var description: String?
        public var artist: String?
        public var title: String?
        public var format: String?
        public var year: LenientInt?
        public var catalogNumber: String?
        public var thumbnail: String?
    }
    public var id: Int
    public var status: String?
    public var price: Price?
    public var originalPrice: Price?
    public var shippingPrice: Price?
    public var allowOffers: Bool?
    public var condition: String?
    public var sleeveCondition: String?
    public var posted: String?
    public var shipsFrom: String?
    public var comments: String?
    public var uri: String?
    public var seller: Seller?
    public var release: ReleaseSummary?
}

/// The answer to creating a listing.
public struct CreatedListing: Codable, Sendable, Hashable {
    public var listingId: Int
    public var resourceUrl: String?
}

/// A marketplace order; ids are strings like "1-1".
public struct Order: Codable, Sendable, Hashable {
    public struct Party: Codable, Sendable, Hashable {
        public var id: Int?
        public var username: String
    }
    public struct Item: Codable, Sendable, Hashable {
        public var id: Int?
        public var price: Price?
        public var release: Listing.ReleaseSummary?
    }
    public var id: LenientString
    public var status: String?
    public var created: String?
    public var lastActivity: String?
    public var total: Price?
    public var fee: Price?
    public var shipping: Price?
    public var buyer: Party?
    public var seller: Party?
    public var items: [Item]?
    public var nextStatus: [String]?
    public var shippingAddress: String?
    public var additionalInstructions: String?
}

/// A message on an order.
public struct OrderMessage: Codable, Sendable, Hashable {
    public var subject: String?
    public var message: String?
    public var timestamp: String?
    public var type: String?
    public var from: Order.Party?
}
