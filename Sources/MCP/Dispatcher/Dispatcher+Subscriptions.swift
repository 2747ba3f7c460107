/// Resource subscriptions: `resources/subscribe` and `resources/unsubscribe` in the handshake
/// revisions, `resourceSubscriptions` on `subscriptions/listen` in 2026-07-28 (which removed the
/// two methods). Updates travel on the subscriber's own channel as `notifications/resources/updated`.
extension Dispatcher {
    /// The notification a handshake-era channel receives when a subscribed URI changed.
    public static func resourceUpdated(_ uri: String) -> OutgoingMessage {
        .notification(method: "notifications/resources/updated", params: ["uri": .string(uri)])
    }

    func subscribeResource(_ request: JSONRPCRequest, revision: ProtocolRevision, context: MessageContext) async -> OutgoingMessage {
        guard let subscriptions else { return .error(id: request.id, .methodNotFound(request.method)) }
        guard case .string(let uri)? = request.params["uri"] else {
            return .error(id: request.id, .invalidParams("params.uri must be the URI of a resource to subscribe to: \(Self.listed(subscriptions))"))
        }
        guard let match = resources.resolve(uri) else {
            return .error(id: request.id, .resourceNotFound(uri, revision: revision))
        }
        guard context.caller.grants(match.requiredScope) else {
            return .error(id: request.id, Self.scopeRequired("Resource", uri, scope: match.requiredScope))
        }
        guard let channel = context.channel else {
            return .error(id: request.id, .invalidRequest("this connection has no stream to deliver resource updates on"))
        }
        let sink = channel.sink
        do {
            try await subscriptions.subscribe(channel: channel.id, caller: context.caller, uri: uri) { uri in
                await sink.send(Self.resourceUpdated(uri))
            }
        } catch {
            return .error(id: request.id, Self.refusal(error, subscriptions: subscriptions))
        }
        return .result(id: request.id, [:])
    }

    /// Ends a subscription; unsubscribing from something not subscribed is not an error.
    func unsubscribeResource(_ request: JSONRPCRequest, context: MessageContext) async -> OutgoingMessage {
        guard let subscriptions else { return .error(id: request.id, .methodNotFound(request.method)) }
        guard case .string(let uri)? = request.params["uri"] else {
            return .error(id: request.id, .invalidParams("params.uri must be the URI of a subscribed resource"))
        }
        if let channel = context.channel { await subscriptions.unsubscribe(channel: channel.id, uri: uri) }
        return .result(id: request.id, [:])
    }

    /// Reads a listen filter: `toolsListChanged` and `resourceSubscriptions` (an array of URIs).
    func listenOutcome(_ request: JSONRPCRequest, filter: [String: JSONValue]) -> DispatchOutcome {
        var uris: [String] = []
        if let value = filter["resourceSubscriptions"], value != .null {
            let strings = value.arrayValue?.compactMap(\.stringValue) ?? []
            guard case .array(let items) = value, strings.count == items.count else {
                return .response(
                    .error(id: request.id, .invalidParams("params.notifications.resourceSubscriptions must be an array of resource URIs"))
                )
            }
            let limit = subscriptions?.perChannelLimit ?? 0
            guard strings.count <= max(limit, 1) * 4 else {
                return .response(
                    .error(
                        id: request.id,
                        .invalidParams(
                            "params.notifications.resourceSubscriptions names \(strings.count) URIs; at most \(max(limit, 1) * 4) are read"
                        )
                    )
                )
            }
            uris = strings
        }
        return .listen(
            ListenRequest(subscriptionID: request.id, toolsListChanged: filter["toolsListChanged"] == .bool(true), resourceSubscriptions: uris)
        )
    }

    /// Subscribes a 2026 listen stream to the URIs it asked for that this caller may read, and
    /// returns the request with those as its honoured subset (the rest are left out of the
    /// acknowledgement, as the specification says a server does with what it does not honour).
    ///
    /// - Parameter channel: the stream's id in `ResourceSubscriptions`; `drop` it when the stream closes.
    public func openResourceSubscriptions(
        _ listen: ListenRequest,
        caller: Caller,
        channel: String,
        deliver: @escaping ResourceSubscriptions.Delivery
    ) async -> ListenRequest {
        var listen = listen
        guard let subscriptions else { return listen }
        for uri in listen.resourceSubscriptions where !listen.honouredResources.contains(uri) {
            guard let match = resources.resolve(uri), caller.grants(match.requiredScope) else { continue }
            do {
                try await subscriptions.subscribe(channel: channel, caller: caller, uri: uri, deliver: deliver)
                listen.honouredResources.append(uri)
            } catch {
                continue
            }
        }
        return listen
    }

    private static func refusal(_ error: ResourceSubscriptions.Refusal, subscriptions: ResourceSubscriptions) -> JSONRPCError {
        switch error {
        case .notSubscribable(let uri):
            return .invalidParams("\(uri) cannot be subscribed to; subscribable resources: \(listed(subscriptions))")
        case .noOwner:
            return .invalidParams("no account is connected to this session; sign in first")
        case .full(let limit):
            return JSONRPCError(
                code: JSONRPCError.tooManyRequestsCode,
                message: "This session already holds \(limit) resource subscriptions, the most it may; unsubscribe from one first",
                data: ["maxSubscriptions": .int(Int64(limit))]
            )
        }
    }

    private static func listed(_ subscriptions: ResourceSubscriptions) -> String {
        subscriptions.subscribableURIs.joined(separator: ", ")
    }
}
