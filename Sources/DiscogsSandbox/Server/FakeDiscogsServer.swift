import Hummingbird
import Logging

/// A fake Discogs running in this process, started on a (usually ephemeral) port.
///
/// Sandbox mode and tests need the port before they can configure the client, so `start` returns
/// only once the server is listening; `stop` cancels the serving task, which shuts it down gracefully.
public final class FakeDiscogsServer: Sendable {
    public let state: FakeDiscogsState
    public let port: Int
    public let host: String
    private let task: Task<Void, any Error>

    /// `http://host:port`, the value for `DISCOGS_API_URL` and `DISCOGS_WEB_URL`.
    public var baseURL: String { "http://\(host):\(port)" }

    private init(state: FakeDiscogsState, host: String, port: Int, task: Task<Void, any Error>) {
        self.state = state
        self.host = host
        self.port = port
        self.task = task
    }

    /// Starts serving and waits until the socket is bound.
    public static func start(
        state: FakeDiscogsState,
        configuration: FakeDiscogsConfiguration = FakeDiscogsConfiguration(),
        logger: Logger? = nil
    ) async throws -> FakeDiscogsServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = FakeDiscogs.buildApplication(state: state, configuration: configuration, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server ended before binding: surface its error.
            try await task.value
            throw FakeDiscogsError(500, "The fake Discogs stopped before it was listening on \(configuration.host):\(configuration.port).")
        }
        return FakeDiscogsServer(state: state, host: configuration.host, port: port, task: task)
    }

    /// Stops the server and waits for it to finish.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
