extension Dispatcher {
    /// `resources/read`: an unknown URI is "resource not found" (-32002 in the handshake
    /// revisions, -32602 in 2026); a reader's failures become JSON-RPC errors, since a read
    /// result has no `isError`.
    func readResource(_ request: JSONRPCRequest, revision: ProtocolRevision, context: MessageContext) async -> OutgoingMessage {
        guard case .string(let uri)? = request.params["uri"] else {
            return .error(
                id: request.id,
                .invalidParams("params.uri must be the URI of a resource (see resources/list and resources/templates/list)")
            )
        }
        guard let match = resources.resolve(uri) else {
            return .error(id: request.id, .resourceNotFound(uri, revision: revision))
        }
        guard context.caller.grants(match.requiredScope) else {
            return .error(id: request.id, Self.scopeRequired("Resource", uri, scope: match.requiredScope))
        }
        if match.reachesUpstream, let gate, let retryAfter = await gate.admit(context.caller, tool: "resources/read") {
            let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
            return .error(
                id: request.id,
                JSONRPCError(
                    code: JSONRPCError.internalErrorCode,
                    message: "Too many Discogs requests from this account right now; read \(uri) again in about \(seconds) s.",
                    data: ["retryAfterSeconds": .int(Int64(seconds))]
                )
            )
        }
        let handlerContext = primitiveContext(request, revision: revision, context: context)
        let outcome = await runCancellable(request, context: context) { () -> [ResourceContents] in
            switch match {
            case .resource(let resource): try await resource.read(uri, handlerContext)
            case .template(let template, let variables): try await template.read(uri, variables, handlerContext)
            }
        }
        switch outcome {
        case .success(let contents):
            let object: [String: JSONValue] = ["contents": .array(contents.map(\.json))]
            return .result(id: request.id, modernCached(object, ttl: match.cacheTTLMilliseconds, revision: revision))
        case .failure(ResourceFailure.notFound(let detail)):
            return .error(id: request.id, .resourceNotFound(uri, revision: revision, detail: detail))
        case .failure(ResourceFailure.unavailable(let message)):
            return .error(id: request.id, JSONRPCError(code: JSONRPCError.internalErrorCode, message: message))
        case .failure(let failure as ToolFailure):
            return .error(id: request.id, JSONRPCError(code: JSONRPCError.internalErrorCode, message: failure.message))
        case .failure(is CancellationError):
            return .error(id: request.id, .internalError("reading \(uri) was cancelled"))
        case .failure(let error):
            return .error(id: request.id, .internalError("reading \(uri) failed: \(error)"))
        }
    }
}
