/// A marketplace order; ids are strings such as `"1-1"`.
public struct FakeOrder: Sendable, Hashable {
    public var id: String
    public var seller: String
    public var buyer: String
    public var status: String
    public var listingIDs: [Int]
    public var shipping: Double
    public var currency: String
    public var created: Int
    public var lastActivity: Int
    public var shippingAddress: String

    public static let statuses = [
        "New Order", "Buyer Contacted", "Invoice Sent", "Payment Pending", "Payment Received",
        "In Progress", "Shipped", "Merged", "Order Changed", "Refund Sent", "Cancelled (Non-Paying Buyer)",
        "Cancelled (Item Unavailable)", "Cancelled (Per Buyer's Request)",
    ]
}
