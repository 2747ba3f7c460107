/// Resources and prompts: routing, list pages and the shared result shaping.
extension Dispatcher {
    /// Serves a resource or prompt method, or returns `nil` when `method` is not one this server
    /// declares (an empty registry leaves its capability undeclared, so its methods are -32601).
    func handlePrimitive(_ request: JSONRPCRequest, revision: ProtocolRevision, context: MessageContext) async -> OutgoingMessage? {
        switch request.method {
        case "resources/list" where !resources.isEmpty:
            let items = resources.visibleResources(for: context.caller).map { $0.json(for: revision) }
            return listResult(
                request,
                key: "resources",
                items: items,
                pager: ListPager(kind: "resources", pageSize: listPageSize),
                revision: revision
            )
        case "resources/templates/list" where !resources.isEmpty:
            let items = resources.visibleTemplates(for: context.caller).map { $0.json(for: revision) }
            return listResult(
                request,
                key: "resourceTemplates",
                items: items,
                pager: ListPager(kind: "templates", pageSize: listPageSize),
                revision: revision
            )
        case "resources/read" where !resources.isEmpty:
            return await readResource(request, revision: revision, context: context)
        case "prompts/list" where !prompts.isEmpty:
            let items = prompts.visiblePrompts(for: context.caller).map { $0.json(for: revision) }
            return listResult(request, key: "prompts", items: items, pager: ListPager(kind: "prompts", pageSize: listPageSize), revision: revision)
        case "prompts/get" where !prompts.isEmpty:
            return await getPrompt(request, revision: revision, context: context)
        case "resources/subscribe" where subscriptions != nil && !revision.isModern:
            return await subscribeResource(request, revision: revision, context: context)
        case "resources/unsubscribe" where subscriptions != nil && !revision.isModern:
            return await unsubscribeResource(request, context: context)
        case "completion/complete":
            guard let completer else { return nil }
            return await complete(request, completer: completer, revision: revision, context: context)
        default:
            return nil
        }
    }

    /// The capabilities object for `initialize` and `server/discover`: tools always, resources and
    /// prompts only when there are some, so a server without them answers exactly as before.
    ///
    /// `resources.subscribe` is true when subscriptions are served: `resources/subscribe` in the
    /// handshake revisions, `resourceSubscriptions` on `subscriptions/listen` in 2026-07-28.
    static func advertisedCapabilities(
        resources: ResourceRegistry,
        prompts: PromptRegistry,
        completions: Bool = false,
        subscriptions: Bool = false
    ) -> JSONValue {
        guard case .object(var object) = capabilities else { return capabilities }
        if completions { object["completions"] = [:] }
        // Neither list ever changes, so both say so.
        if !resources.isEmpty { object["resources"] = ["subscribe": .bool(subscriptions), "listChanged": false] }
        if !prompts.isEmpty { object["prompts"] = ["listChanged": false] }
        return .object(object)
    }

    /// One page of a list result; modern results add `resultType`, cache hints and `_meta`.
    ///
    /// `cacheScope` is `private` because every list depends on the caller's scopes.
    private func listResult(
        _ request: JSONRPCRequest,
        key: String,
        items: [JSONValue],
        pager: ListPager,
        revision: ProtocolRevision
    ) -> OutgoingMessage {
        let cursor: String?
        switch ListPager.cursor(in: request.params) {
        case .failure(let error): return .error(id: request.id, error)
        case .success(let value): cursor = value
        }
        guard let page = pager.page(items, cursor: cursor) else {
            return .error(id: request.id, .invalidParams("unknown cursor; start again without one"))
        }
        var object: [String: JSONValue] = [key: .array(Array(page.items))]
        if let next = page.nextCursor { object["nextCursor"] = .string(next) }
        return .result(id: request.id, modernCached(object, ttl: listTTLMilliseconds, revision: revision))
    }

    /// Adds `resultType`, `_meta.serverInfo` and the cache hints a cacheable modern result must carry.
    func modernCached(_ object: [String: JSONValue], ttl: Int64, revision: ProtocolRevision) -> JSONValue {
        guard revision.hasResultType else { return .object(object) }
        var object = object
        object["resultType"] = "complete"
        object["ttlMs"] = .int(max(0, ttl))
        object["cacheScope"] = "private"
        object["_meta"] = Self.modernMeta(identity)
        return .object(object)
    }

    /// The -32602 for a primitive the caller's grant does not reach, naming the scope to ask for.
    static func scopeRequired(_ kind: String, _ name: String, scope: String?) -> JSONRPCError {
        let scope = scope ?? ""
        return JSONRPCError(
            code: JSONRPCError.invalidParamsCode,
            message: "\(kind) \(name) needs the '\(scope)' scope, which this authorization does not grant; sign in or re-authorize with that scope",
            data: ["requiredScope": .string(scope)]
        )
    }

    /// Runs a handler in its own task, registered so `notifications/cancelled` (or the transport
    /// dropping the request) stops it.
    func runCancellable<T: Sendable>(
        _ request: JSONRPCRequest,
        context: MessageContext,
        _ body: @escaping @Sendable () async throws -> T
    ) async -> Result<T, any Error> {
        let key = Self.inFlightKey(request.id, context: context)
        let task = Task { () -> Result<T, any Error> in
            do { return .success(try await body()) } catch { return .failure(error) }
        }
        await inFlight.register(key) { task.cancel() }
        let result = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        await inFlight.finish(key)
        return result
    }

    /// What a primitive handler's context carries: the same `ToolContext` tools get.
    func primitiveContext(_ request: JSONRPCRequest, revision: ProtocolRevision, context: MessageContext) -> ToolContext {
        ToolContext(
            caller: context.caller,
            revision: revision,
            transport: context.transport,
            sessionID: context.sessionID,
            progress: progressReporter(for: request, revision: revision, sink: context.related)
        )
    }
}
