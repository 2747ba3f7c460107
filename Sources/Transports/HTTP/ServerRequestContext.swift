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
}
