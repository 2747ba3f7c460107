/// What the dispatcher made of a request.
public enum DispatchOutcome: Sendable {
    case response(OutgoingMessage)
    /// `initialize` succeeded: send the response and open a session at the negotiated revision.
    case initialized(OutgoingMessage, Negotiation)
    /// `subscriptions/listen` was accepted: keep the stream open and deliver list changes on it.
    case listen(ListenRequest)

    /// The revision `initialize` settled on, if this was one.
    public var negotiatedRevision: ProtocolRevision? {
        if case .initialized(_, let negotiation) = self { return negotiation.revision }
        return nil
    }

    /// The JSON-RPC response, when there is one to send at once.
    public var message: OutgoingMessage? {
        switch self {
        case .response(let message), .initialized(let message, _): return message
        case .listen: return nil
        }
    }
}
