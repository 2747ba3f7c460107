/// Who listens to which resource: `resources/subscribe` (handshake revisions) and the
/// `resourceSubscriptions` of 2026 `subscriptions/listen` streams.
///
/// A subscription belongs to a channel (a session, the stdio connection, one listen stream) and
/// to an owner: the account whose data the URI shows for that caller (for Discogs, the username).
/// `discogs://collection` names a different collection for every user, so an update is published
/// for one owner and only that owner's channels hear it. Each channel holds at most
/// `perChannelLimit` URIs, so a client cannot grow the registry without bound; a channel's
/// subscriptions end with it (`drop`).
public actor ResourceSubscriptions {
    /// Sends `notifications/resources/updated` for a URI into the channel.
    public typealias Delivery = @Sendable (String) async -> Void
    /// The owner a caller's subscriptions are filed under, or nil when the caller has none.
    public typealias OwnerResolver = @Sendable (Caller) async -> String?

    /// Why a subscription was refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// The URI is not one that can be subscribed to.
        case notSubscribable(String)
        /// The caller has no account whose data the URI would show.
        case noOwner
        /// The channel already holds its maximum.
        case full(limit: Int)
    }

    struct Channel {
        var owner: String
        var uris: Set<String>
        var deliver: Delivery
    }

    /// The URIs that can be subscribed to, in a fixed order (for error messages).
    public nonisolated let subscribableURIs: [String]
    public nonisolated let perChannelLimit: Int
    private let owner: OwnerResolver
    private var channels: [String: Channel] = [:]
    private var channelsByOwner: [String: Set<String>] = [:]

    /// - Parameter perChannelLimit: subscriptions one channel may hold (at least 1).
    public init(subscribableURIs: [String], perChannelLimit: Int = 8, owner: @escaping OwnerResolver) {
        precondition(perChannelLimit > 0, "a channel must be allowed one subscription")
        self.subscribableURIs = subscribableURIs
        self.perChannelLimit = perChannelLimit
        self.owner = owner
    }

    /// Subscribes `channel` to `uri`; subscribing again to the same URI changes nothing.
    ///
    /// The channel's owner is settled by its first subscription and its delivery replaced by the
    /// latest one (the same stream, seen again).
    public func subscribe(channel: String, caller: Caller, uri: String, deliver: @escaping Delivery) async throws(Refusal) {
        guard subscribableURIs.contains(uri) else { throw .notSubscribable(uri) }
        if var existing = channels[channel] {
            guard existing.uris.contains(uri) || existing.uris.count < perChannelLimit else { throw .full(limit: perChannelLimit) }
            existing.uris.insert(uri)
            existing.deliver = deliver
            channels[channel] = existing
            return
        }
        guard let owner = await owner(caller) else { throw .noOwner }
        // The resolver suspended: another subscription may have opened the channel meanwhile.
        if channels[channel] != nil { return try await subscribe(channel: channel, caller: caller, uri: uri, deliver: deliver) }
        channels[channel] = Channel(owner: owner, uris: [uri], deliver: deliver)
        channelsByOwner[owner, default: []].insert(channel)
    }

    /// Ends one subscription; returns whether there was one. A channel left without any is forgotten.
    @discardableResult
    public func unsubscribe(channel: String, uri: String) -> Bool {
        guard var existing = channels[channel], existing.uris.remove(uri) != nil else { return false }
        if existing.uris.isEmpty { drop(channel: channel) } else { channels[channel] = existing }
        return true
    }

    /// Ends every subscription of a channel (its session ended, its stream closed).
    public func drop(channel: String) {
        guard let existing = channels.removeValue(forKey: channel) else { return }
        channelsByOwner[existing.owner]?.remove(channel)
        if channelsByOwner[existing.owner]?.isEmpty == true { channelsByOwner[existing.owner] = nil }
    }

    /// Tells every channel of `owner` subscribed to `uri` that it changed; returns how many heard it.
    @discardableResult
    public func publish(uri: String, owner: String) async -> Int {
        let targets = (channelsByOwner[owner] ?? []).compactMap { channels[$0] }.filter { $0.uris.contains(uri) }.map(\.deliver)
        for deliver in targets { await deliver(uri) }
        return targets.count
    }

    /// The URIs `channel` is subscribed to (tests and diagnostics).
    public func subscriptions(of channel: String) -> Set<String> {
        channels[channel]?.uris ?? []
    }

    /// How many channels hold at least one subscription.
    public var channelCount: Int { channels.count }
}
