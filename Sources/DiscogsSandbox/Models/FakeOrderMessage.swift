/// A message on an order's thread.
public struct FakeOrderMessage: Sendable, Hashable {
    public var orderID: String
    public var from: String
    public var subject: String
    public var message: String
    public var type: String
    public var timestamp: Int
}
