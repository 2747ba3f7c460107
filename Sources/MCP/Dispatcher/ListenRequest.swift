/// A `subscriptions/listen` request the transport must turn into a stream.
public struct ListenRequest: Sendable, Hashable {
    public var subscriptionID: RequestID
    public var toolsListChanged: Bool
    /// The first message on the stream: `notifications/subscriptions/acknowledged` with the honoured filter.
    public var acknowledgement: OutgoingMessage {
        let meta: JSONValue = [ModernEnvelope.subscriptionIDKey: subscriptionID.json]
        let honoured: JSONValue = toolsListChanged ? ["toolsListChanged": true] : [:]
        return .notification(method: "notifications/subscriptions/acknowledged", params: ["_meta": meta, "notifications": honoured])
    }

    public var toolsListChangedNotification: OutgoingMessage {
        .notification(
            method: "notifications/tools/list_changed",
            params: ["_meta": [ModernEnvelope.subscriptionIDKey: subscriptionID.json]]
        )
    }

    /// The result that ends the stream when the server closes it (e.g. on shutdown).
    public var completion: OutgoingMessage {
        .result(id: subscriptionID, ["resultType": "complete", "_meta": [ModernEnvelope.subscriptionIDKey: subscriptionID.json]])
    }
}
