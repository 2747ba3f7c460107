/// How a token request authenticated its client.
public struct ClientCredentials: Sendable, Hashable {
    public enum Channel: String, Sendable { case none, basic, post }
    public var clientID: String
    public var secret: String?
    public var channel: Channel

    public init(clientID: String, secret: String?, channel: Channel) {
        self.clientID = clientID
        self.secret = secret
        self.channel = channel
    }
}
