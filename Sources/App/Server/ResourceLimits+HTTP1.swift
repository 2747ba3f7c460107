import Hummingbird
import HummingbirdCore
import NIOCore

extension ResourceLimits {
    /// The HTTP/1.1 channel: Hummingbird's idle timeout plus the body deadline.
    ///
    /// Hummingbird's idle timer does nothing while a response is still being written once the
    /// request was read, so open event streams (SSE, listen, long tool calls) are never cut by
    /// it; it closes keep-alive connections with no request and clients that stall mid-request.
    var http1: HTTP1Channel.Configuration {
        let bodyTimeout = self.bodyTimeout.map { TimeAmount($0) }
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: Self.channelHandlers(bodyTimeout: bodyTimeout),
            idleTimeout: idleTimeout.map { TimeAmount($0) }
        )
    }

    /// Built afresh for every connection (handlers hold per-connection state).
    static func channelHandlers(bodyTimeout: TimeAmount?) -> [any RemovableChannelHandler] {
        guard let bodyTimeout else { return [] }
        return [RequestBodyDeadlineHandler(timeout: bodyTimeout)]
    }
}
