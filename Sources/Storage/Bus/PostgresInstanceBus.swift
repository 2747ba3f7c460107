import Foundation
import Logging
import PostgresNIO

/// The bus of a fleet on PostgreSQL: `pg_notify` on one channel, `LISTEN` on one pooled connection.
///
/// `run()` (a service in the server's group) holds the listening connection and reconnects after a
/// failure; `ready()` returns once `LISTEN` is in place, so nothing sent after it is missed.
/// PostgreSQL caps a notification at 8000 bytes: larger messages are refused with an error rather
/// than cut.
public actor PostgresInstanceBus: InstanceBus {
    public struct TooLarge: Error, CustomStringConvertible {
        public let bytes: Int
        public var description: String { "a cross-instance message of \(bytes) bytes exceeds PostgreSQL's 8000-byte NOTIFY limit" }
    }

    public nonisolated let instanceID: String
    public nonisolated let channel: String
    private let database: PostgresStorage
    private let subscribers = BusSubscribers()
    private var listening = false
    private var readyWaiters: [CheckedContinuation<Void, Never>] = []

    public init(database: PostgresStorage, instanceID: String = UUID().uuidString, channel: String = "discogs_mcp_bus") {
        self.database = database
        self.instanceID = instanceID
        self.channel = channel
    }

    public nonisolated func publish(topic: String, payload: String) async throws {
        let message = BusMessage(origin: instanceID, topic: topic, payload: payload)
        let text = String(decoding: try Self.encoder.encode(message), as: UTF8.self)
        guard text.utf8.count < 8000 else { throw TooLarge(bytes: text.utf8.count) }
        try await database.client.query("SELECT pg_notify(\(channel), \(text))", logger: database.logger)
    }

    public func messages() async -> AsyncStream<BusMessage> {
        await subscribers.subscribe()
    }

    /// Returns once this instance is listening.
    public func ready() async {
        if listening { return }
        await withCheckedContinuation { readyWaiters.append($0) }
    }

    /// Listens until cancelled, reconnecting a second after any failure.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await database.client.withConnection { connection in
                    try await connection.listen(on: channel) { notifications in
                        await self.setListening(true)
                        for try await notification in notifications {
                            guard let message = try? Self.decoder.decode(BusMessage.self, from: Data(notification.payload.utf8)) else { continue }
                            await self.subscribers.deliver(message)
                        }
                    }
                }
            } catch {
                if Task.isCancelled { break }
                database.logger.warning(
                    "cross-instance listener lost its connection; reconnecting",
                    metadata: ["error": "\(String(reflecting: type(of: error)))"]
                )
            }
            setListening(false)
            try? await Task.sleep(for: .seconds(1))
        }
        await subscribers.finishAll()
    }

    private func setListening(_ value: Bool) {
        listening = value
        guard value else { return }
        for waiter in readyWaiters { waiter.resume() }
        readyWaiters = []
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
