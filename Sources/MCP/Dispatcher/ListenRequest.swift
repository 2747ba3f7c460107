/// A `subscriptions/listen` request the transport must turn into a stream.
public struct ListenRequest: Sendable, Hashable {
    public var subscriptionID: RequestID
    public var toolsListChanged: Bool
    /// The URIs the client asked to hear `notifications/resources/updated` for.
    public var resourceSubscriptions: [String] = []
    /// The URIs the server honours (set by `Dispatcher.openResourceSubscriptions`); only these
    /// are acknowledged and only these are ever delivered.
    public var honouredResources: [String] = []

    public init(subscriptionID: RequestID, toolsListChanged: Bool, resourceSubscriptions: [String] = []) {
        self.subscriptionID = subscriptionID
        self.toolsListChanged = toolsListChanged
        self.resourceSubscriptions = resourceSubscriptions
    }

    /// The first message on the stream: `notifications/subscriptions/acknowledged` with the honoured filter.
    public var acknowledgement: OutgoingMessage {
        var honoured: [String: JSONValue] = [:]
        if toolsListChanged { honoured["toolsListChanged"] = true }
        if !honouredResources.isEmpty { honoured["resourceSubscriptions"] = .array(honouredResources.map { .string($0) }) }
        return .notification(method: "notifications/subscriptions/acknowledged", params: ["_meta": meta, "notifications": .object(honoured)])
    }

    public var toolsListChangedNotification: OutgoingMessage {
        .notification(method: "notifications/tools/list_changed", params: ["_meta": meta])
    }

    /// `notifications/resources/updated` for one of the honoured URIs, stamped with this stream's id.
    public func resourceUpdatedNotification(uri: String) -> OutgoingMessage {
        .notification(method: "notifications/resources/updated", params: ["uri": .string(uri), "_meta": meta])
    }

    /// The channel id of this stream in `ResourceSubscriptions`: `prefix` keeps ids of different
    /// connections apart (the same JSON-RPC id may be used on two of them).
    public func channelID(prefix: String) -> String {
        "listen:\(prefix):\(subscriptionID.json.encodedString)"
    }

    /// The result that ends the stream when the server closes it (e.g. on shutdown).
    public var completion: OutgoingMessage {
        .result(id: subscriptionID, ["resultType": "complete", "_meta": meta])
    }

    private var meta: JSONValue { [ModernEnvelope.subscriptionIDKey: subscriptionID.json] }
}
