import Auth
import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the peer's and the
/// client's address, which Origin, per-address rate limits and the metrics rule need.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The directly connected peer (a reverse proxy, when there is one).
    public let remoteAddress: SocketAddress?
    /// The client's address: the peer's, or what trusted proxies forwarded (`ClientAddressMiddleware`).
    public var clientAddress: IPAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.clientAddress = remoteAddress?.ipAddress.flatMap { IPAddress($0) }?.unmapped
    }

    /// The connected peer's address (IPv4-mapped IPv6 shown as IPv4).
    public var peerAddress: IPAddress? {
        remoteAddress?.ipAddress.flatMap { IPAddress($0) }?.unmapped
    }

    /// The client's IP address, for per-address rate limits and logs.
    public var remoteIP: String? { clientAddress?.description }

    /// Whether the client is on this machine.
    public var isLoopback: Bool { clientAddress?.isLoopback ?? false }
}
