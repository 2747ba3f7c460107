extension Dispatcher {
    /// `prompts/get`: an unknown prompt, a non-string argument, an undeclared argument or a
    /// missing required one is -32602, each naming what to fix.
    func getPrompt(_ request: JSONRPCRequest, revision: ProtocolRevision, context: MessageContext) async -> OutgoingMessage {
        guard case .string(let name)? = request.params["name"] else {
            return .error(id: request.id, .invalidParams("params.name must be the name of a prompt (see prompts/list)"))
        }
        guard let prompt = prompts.prompt(named: name) else {
            return .error(id: request.id, .invalidParams("Unknown prompt: \(name)"))
        }
        guard prompts.isVisible(prompt, to: context.caller) else {
            return .error(id: request.id, Self.scopeRequired("Prompt", name, scope: prompt.requiredScope))
        }
        let arguments: [String: String]
        switch Self.promptArguments(request.params["arguments"], for: prompt) {
        case .failure(let error): return .error(id: request.id, error)
        case .success(let value): arguments = value
        }
        let handlerContext = primitiveContext(request, revision: revision, context: context)
        let outcome = await runCancellable(request, context: context) { try await prompt.render(arguments, handlerContext) }
        switch outcome {
        case .success(let messages):
            return finish(
                request.id,
                ["description": .string(prompt.description), "messages": .array(messages.map { $0.json(for: revision) })],
                revision: revision
            )
        case .failure(let failure as ToolFailure):
            return .error(id: request.id, JSONRPCError(code: JSONRPCError.internalErrorCode, message: failure.message))
        case .failure(let error):
            return .error(id: request.id, .internalError("prompt \(name) failed: \(error)"))
        }
    }

    /// Validates `params.arguments` against the prompt's declared arguments.
    ///
    /// A required argument that is empty or only whitespace counts as missing: the prompt
    /// would have nothing to work with.
    static func promptArguments(_ value: JSONValue?, for prompt: Prompt) -> Result<[String: String], JSONRPCError> {
        var members: [String: JSONValue] = [:]
        switch value {
        case nil, .null?: break
        case .object(let object)?: members = object
        case let other?: return .failure(.invalidParams("params.arguments must be an object of strings, got \(other.typeName)"))
        }
        var arguments: [String: String] = [:]
        for (key, value) in members {
            guard case .string(let text) = value else {
                return .failure(.invalidParams("argument \(key) of prompt \(prompt.name) must be a string, got \(value.typeName)"))
            }
            arguments[key] = text
        }
        let declared = Set(prompt.arguments.map(\.name))
        let unknown = arguments.keys.filter { !declared.contains($0) }.sorted()
        if !unknown.isEmpty {
            let expected = prompt.arguments.isEmpty ? "it takes none" : "it takes " + prompt.arguments.map(\.name).joined(separator: ", ")
            return .failure(.invalidParams("prompt \(prompt.name) has no argument \(unknown.joined(separator: ", ")); \(expected)"))
        }
        let missing = prompt.arguments.filter { argument in
            argument.required && (arguments[argument.name]?.allSatisfy(\.isWhitespace) ?? true)
        }.map(\.name)
        if !missing.isEmpty {
            return .failure(
                .invalidParams(
                    "Missing required argument\(missing.count == 1 ? "" : "s") for prompt \(prompt.name): \(missing.joined(separator: ", "))",
                    data: ["missing": .array(missing.map { .string($0) })]
                )
            )
        }
        return .success(arguments)
    }
}
