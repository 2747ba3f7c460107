import Foundation

/// A signal for whichever instance holds the stream it is addressed to.
///
/// `topic` names what happened (`list_changed`, `session_rebound`, `response`…) and `payload`
/// carries its details as text; `origin` is the sending instance, `sentAt` lets the receiver
/// measure the cross-instance lag.
public struct BusMessage: Sendable, Hashable, Codable {
    public var origin: String
    public var topic: String
    public var payload: String
    public var sentAt: Date

    public init(origin: String, topic: String, payload: String, sentAt: Date = Date()) {
        self.origin = origin
        self.topic = topic
        self.payload = payload
        self.sentAt = sentAt
    }
}

/// Signals between the instances serving one database: in-process for SQLite (one instance),
/// `LISTEN/NOTIFY` for PostgreSQL.
///
/// Delivery is at most once and only to instances listening when the message is sent, which is
/// what a live stream needs: a stream that is gone has nobody to tell.
public protocol InstanceBus: Sendable {
    /// This instance's identifier (the `origin` of what it publishes).
    var instanceID: String { get }
    /// Sends `topic`/`payload` to every instance, this one included.
    func publish(topic: String, payload: String) async throws
    /// Every message published from now on, until the caller stops iterating.
    func messages() async -> AsyncStream<BusMessage>
}

/// Fans messages out to the current subscribers; shared by both implementations.
actor BusSubscribers {
    private var continuations: [UUID: AsyncStream<BusMessage>.Continuation] = [:]

    func subscribe() -> AsyncStream<BusMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<BusMessage>.makeStream(bufferingPolicy: .bufferingNewest(1_000))
        continuations[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    func deliver(_ message: BusMessage) {
        for continuation in continuations.values { continuation.yield(message) }
    }

    func finishAll() {
        for continuation in continuations.values { continuation.finish() }
        continuations = [:]
    }

    private func remove(_ id: UUID) {
        continuations[id] = nil
    }
}

/// The bus of a single instance (SQLite): a message reaches this process's subscribers only.
public struct LocalInstanceBus: InstanceBus {
    public let instanceID: String
    private let subscribers: BusSubscribers

    public init(instanceID: String = UUID().uuidString) {
        self.instanceID = instanceID
        self.subscribers = BusSubscribers()
    }

    /// Another instance on the same in-process bus as `other` (tests of a fleet in one process).
    public init(instanceID: String = UUID().uuidString, joining other: LocalInstanceBus) {
        self.instanceID = instanceID
        self.subscribers = other.subscribers
    }

    public func publish(topic: String, payload: String) async throws {
        await subscribers.deliver(BusMessage(origin: instanceID, topic: topic, payload: payload))
    }

    public func messages() async -> AsyncStream<BusMessage> {
        await subscribers.subscribe()
    }
}
