import Hummingbird
import HTTPTypes
import NIOCore
import ServiceLifecycle

/// Builds `text/event-stream` responses that keep proxies from buffering, send keep-alives,
/// notice a client that went away, and end on graceful shutdown.
struct EventStreamResponder: Sendable {
    let heartbeat: Heartbeat

    static func headers(_ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        fields[.contentType] = "text/event-stream"
        fields[.cacheControl] = "no-cache, no-transform"
        fields[.xAccelBuffering] = "no"
        return fields
    }

    /// Streams `frames` until `.end`, the client disconnects, or the server shuts down.
    ///
    /// - Parameters:
    ///   - keepAlive: sends one keep-alive comment into the stream.
    ///   - stop: makes `frames` finish when the client disconnects.
    ///   - shutdown: what to do when the server stops (default: the same as `stop`).
    ///   - onClose: runs once when the stream is over, however it ended.
    func respond(
        to request: Request,
        kind: StreamKind,
        frames: AsyncStream<SSEFrame>,
        headers: HTTPFields = [:],
        keepAlive: @escaping Heartbeat.Beat,
        stop: @escaping @Sendable () -> Void,
        shutdown: (@Sendable () -> Void)? = nil,
        onClose: @escaping @Sendable () async -> Void
    ) -> Response {
        let heartbeat = self.heartbeat
        let shutdown = shutdown
        return Response(
            status: .ok,
            headers: Self.headers(headers),
            body: ResponseBody { writer in
                let beat = await heartbeat.register(kind: kind, keepAlive)
                do {
                    // Flush the headers at once: a proxy that sees nothing may time the stream out.
                    try await writer.write(ByteBuffer(string: ": stream open\n\n"))
                    try await withGracefulShutdownHandler {
                        // A closed connection ends the loop at once instead of at the next failed write.
                        try await request.body.consumeWithInboundCloseHandler { _ in
                            for await frame in frames {
                                guard let bytes = frame.bytes else { break }
                                try await writer.write(ByteBuffer(bytes: bytes))
                            }
                        } onInboundClosed: {
                            stop()
                        }
                    } onGracefulShutdown: {
                        (shutdown ?? stop)()
                    }
                    try await writer.finish(nil)
                } catch {
                    // The client went away or the server is stopping: nothing more can be written.
                }
                await heartbeat.unregister(beat)
                await onClose()
            }
        )
    }
}
