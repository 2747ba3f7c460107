import Foundation

/// Fans tool-list changes out to every live channel of a principal.
///
/// Handshake sessions (their GET or SSE stream), 2026 `subscriptions/listen` streams and the
/// stdio connection each subscribe with a delivery closure; when a principal's grant changes
/// (login, step-up) the auth layer publishes once and every channel of that principal hears it.
/// Closures rather than tasks keep an idle subscriber down to one dictionary entry.
public actor ListChangeHub {
    public enum Change: Sendable, Hashable {
        case tools
    }

    public struct Subscription: Sendable, Hashable {
        public let principalID: String
        fileprivate let id: UInt64
    }

    public typealias Delivery = @Sendable (Change) async -> Void

    private var subscribers: [String: [UInt64: Delivery]] = [:]
    private var nextID: UInt64 = 0
    private var waiters: [(principalID: String, count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    public init() {}

    public func subscribe(principalID: String, deliver: @escaping Delivery) -> Subscription {
        nextID += 1
        subscribers[principalID, default: [:]][nextID] = deliver
        let count = subscriberCount(for: principalID)
        let ready = waiters.filter { $0.principalID == principalID && $0.count <= count }
        waiters.removeAll { $0.principalID == principalID && $0.count <= count }
        for waiter in ready { waiter.continuation.resume() }
        return Subscription(principalID: principalID, id: nextID)
    }

    /// Returns once `principalID` has at least `count` subscribers (not cancellable).
    ///
    /// A listen stream subscribes just after its acknowledgement goes out; this lets a caller that
    /// must not publish before then (a test) wait for it without polling.
    public func subscribed(principalID: String, count: Int = 1) async {
        guard subscriberCount(for: principalID) < count else { return }
        await withCheckedContinuation { waiters.append((principalID, count, $0)) }
    }

    public func unsubscribe(_ subscription: Subscription) {
        subscribers[subscription.principalID]?[subscription.id] = nil
        if subscribers[subscription.principalID]?.isEmpty == true {
            subscribers[subscription.principalID] = nil
        }
    }

    /// Moves a subscription to another principal (an anonymous session that just logged in).
    public func rebind(_ subscription: Subscription, to principalID: String) -> Subscription {
        guard let deliver = subscribers[subscription.principalID]?[subscription.id] else { return subscription }
        unsubscribe(subscription)
        return subscribe(principalID: principalID, deliver: deliver)
    }

    /// Hands a change published here to the other instances of a fleet.
    public typealias Relay = @Sendable (_ change: Change, _ principalID: String) async -> Void
    private var relay: Relay?

    /// Sends every change published here on to the other instances too (a fleet on PostgreSQL).
    public func setRelay(_ relay: @escaping Relay) {
        self.relay = relay
    }

    /// Delivers `change` to every subscriber of `principalID` here, and to the fleet when relayed;
    /// returns how many subscribers of this instance were reached.
    @discardableResult
    public func publish(_ change: Change, to principalID: String) async -> Int {
        let reached = await deliverRelayed(change, to: principalID)
        if let relay { await relay(change, principalID) }
        return reached
    }

    /// Delivers a change another instance published to this instance's subscribers only.
    @discardableResult
    public func deliverRelayed(_ change: Change, to principalID: String) async -> Int {
        let targets = Array((subscribers[principalID] ?? [:]).values)
        for deliver in targets {
            await deliver(change)
        }
        return targets.count
    }

    public func subscriberCount(for principalID: String) -> Int {
        subscribers[principalID]?.count ?? 0
    }
}
