import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the peer address,
/// which Origin and (later) per-IP rate limits need.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address, for per-address rate limits and the loopback-only metrics rule.
    public var remoteIP: String? { remoteAddress?.ipAddress }

    /// Whether the peer is on this machine.
    public var isLoopback: Bool {
        guard let ip = remoteIP else { return false }
        return ip == "::1" || ip.hasPrefix("127.") || ip == "::ffff:127.0.0.1"
    }
}
