extension Dispatcher {
    /// Runs `tools/call`: unknown tools and malformed calls are protocol errors; everything the
    /// model can act on (bad arguments from 2025-11-25, upstream failures) is an `isError` result.
    func callTool(
        _ request: JSONRPCRequest,
        revision: ProtocolRevision,
        capabilities: [String: JSONValue],
        context: MessageContext
    ) async -> OutgoingMessage {
        guard let observer else {
            return await runTool(request, revision: revision, capabilities: capabilities, context: context)
        }
        let started = ContinuousClock.now
        let reply = await runTool(request, revision: revision, capabilities: capabilities, context: context)
        let name = request.params["name"]?.stringValue ?? ""
        let outcome: ToolCallOutcome
        if reply.error != nil {
            outcome = .protocolError
        } else if case .result(_, .value(let result)) = reply, result["isError"] == .bool(true) {
            outcome = .toolError
        } else {
            outcome = .ok
        }
        observer.toolCalled(name: registry.tool(named: name) == nil ? "unknown" : name, outcome: outcome, duration: ContinuousClock.now - started)
        return reply
    }

    /// One step of a tool call: go on with a value, or answer now.
    private enum Step<Value> {
        case next(Value)
        case answer(OutgoingMessage)
    }

    /// Finds, admits and runs the tool, in named steps; each may answer early.
    private func runTool(
        _ request: JSONRPCRequest,
        revision: ProtocolRevision,
        capabilities: [String: JSONValue],
        context: MessageContext
    ) async -> OutgoingMessage {
        if let asked = await signInByElicitation(request, revision: revision, capabilities: capabilities, context: context) { return asked }
        let tool: any Tool
        switch resolveTool(request, revision: revision, capabilities: capabilities, context: context) {
        case .next(let found): tool = found
        case .answer(let reply): return reply
        }
        let name = tool.definition.name
        let arguments: [String: JSONValue]
        switch checkedArguments(request, for: tool, revision: revision) {
        case .next(let checked): arguments = checked
        case .answer(let reply): return reply
        }
        if let gate, let retryAfter = await gate.admit(context.caller, tool: name) {
            let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
            return finish(
                request.id,
                ToolResult.error("Too many tool calls from this account right now; retry \(name) in about \(seconds) s.").json(for: revision),
                revision: revision
            )
        }
        let result = await execute(tool, arguments: arguments, request: request, revision: revision, context: context)
        if result.isError == false, tool.definition.outputSchema != nil, revision.hasStructuredOutput, result.structuredContent == nil {
            return .error(id: request.id, .internalError("\(name) returned no structured content for its output schema"))
        }
        return finish(request.id, result.json(for: revision), revision: revision)
    }

    /// The named tool, if it exists, the caller may see it and the client has what it needs.
    private func resolveTool(
        _ request: JSONRPCRequest,
        revision: ProtocolRevision,
        capabilities: [String: JSONValue],
        context: MessageContext
    ) -> Step<any Tool> {
        guard case .string(let name)? = request.params["name"] else {
            return .answer(.error(id: request.id, .invalidParams("params.name must be the name of a tool")))
        }
        guard let tool = registry.tool(named: name) else {
            return .answer(.error(id: request.id, .invalidParams("Unknown tool: \(name)")))
        }
        guard registry.isVisible(tool, to: context.caller) else {
            let scope = tool.definition.requiredScope ?? ""
            return .answer(
                .error(
                    id: request.id,
                    JSONRPCError(
                        code: JSONRPCError.invalidParamsCode,
                        message:
                            "Tool \(name) needs the '\(scope)' scope, which this authorization does not grant; sign in or re-authorize with that scope",
                        data: ["requiredScope": .string(scope)]
                    )
                )
            )
        }
        let missing = tool.definition.requiredClientCapabilities.filter { capabilities[$0] == nil }
        guard missing.isEmpty else {
            // 2026 has a code for this; the handshake revisions get a result the model can explain.
            guard revision.isModern else {
                let text = "\(name) needs a client that supports \(missing.joined(separator: ", ")), and this client did not declare it."
                return .answer(finish(request.id, ToolResult.error(text).json(for: revision), revision: revision))
            }
            return .answer(.error(id: request.id, .missingClientCapabilities(missing)))
        }
        return .next(tool)
    }

    /// `params.arguments` as an object, lenient numbers coerced, validated against the input schema.
    private func checkedArguments(_ request: JSONRPCRequest, for tool: any Tool, revision: ProtocolRevision) -> Step<[String: JSONValue]> {
        let name = tool.definition.name
        var arguments: [String: JSONValue] = [:]
        switch request.params["arguments"] {
        case nil, .null?: break
        case .object(let members)?: arguments = members
        case let other?:
            return .answer(.error(id: request.id, .invalidParams("params.arguments must be an object, got \(other.typeName)")))
        }
        // Lenient numbers: "25" where the schema says integer is taken as 25 (issue 9).
        if case .object(let coerced) = NumericStrings.coerce(.object(arguments), schema: tool.definition.inputSchema) {
            arguments = coerced
        }
        let violations = validator.validate(.object(arguments), against: tool.definition.inputSchema)
        guard violations.isEmpty else {
            let detail = "Invalid arguments for \(name): " + violations.map(\.description).joined(separator: "; ")
            if revision.reportsArgumentErrorsAsToolErrors {
                return .answer(finish(request.id, ToolResult.error(detail).json(for: revision), revision: revision))
            }
            return .answer(.error(id: request.id, .invalidParams(detail, data: ["violations": .array(violations.map { .string($0.description) })])))
        }
        return .next(arguments)
    }

    /// Runs the tool in its own task, registered for cancellation; failures become tool errors.
    private func execute(
        _ tool: any Tool,
        arguments: [String: JSONValue],
        request: JSONRPCRequest,
        revision: ProtocolRevision,
        context: MessageContext
    ) async -> ToolResult {
        let name = tool.definition.name
        let toolContext = ToolContext(
            caller: context.caller,
            revision: revision,
            transport: context.transport,
            sessionID: context.sessionID,
            progress: progressReporter(for: request, revision: revision, sink: context.related)
        )
        let key = Self.inFlightKey(request.id, context: context)
        let task = Task { () -> ToolResult in
            do {
                return try await tool.call(arguments, context: toolContext)
            } catch let failure as ToolFailure {
                return .error(failure.message)
            } catch is CancellationError {
                return .error("The call to \(name) was cancelled.")
            } catch {
                return .error("\(name) failed: \(error)")
            }
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

    /// Adds what a modern result must carry (`resultType`, `_meta.serverInfo`).
    func finish(_ id: RequestID, _ result: JSONValue, revision: ProtocolRevision) -> OutgoingMessage {
        guard revision.hasResultType, case .object(var object) = result else { return .result(id: id, result) }
        object["resultType"] = "complete"
        object["_meta"] = Self.modernMeta(identity)
        return .result(id: id, .object(object))
    }

    func progressReporter(for request: JSONRPCRequest, revision: ProtocolRevision, sink: (any MessageSink)?) -> ProgressReporter {
        guard let sink, let token = request.meta["progressToken"], RequestID(token) != nil else { return .disabled }
        return ProgressReporter { progress, total, message in
            var params: [String: JSONValue] = ["progressToken": token, "progress": .double(progress)]
            if let total { params["total"] = .double(total) }
            if let message, revision.hasProgressMessage { params["message"] = .string(message) }
            await sink.send(.notification(method: "notifications/progress", params: .object(params)))
        }
    }
}
