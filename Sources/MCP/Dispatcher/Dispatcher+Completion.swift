/// `completion/complete`: argument suggestions for prompts and resource templates.
extension Dispatcher {
    /// The longest partial value accepted; suggestions are for a few typed characters, not documents.
    static let maximumCompletionValueLength = 200

    func complete(
        _ request: JSONRPCRequest,
        completer: any ArgumentCompleter,
        revision: ProtocolRevision,
        context: MessageContext
    ) async -> OutgoingMessage {
        let parsed: CompletionRequest
        switch completionRequest(request.params, caller: context.caller) {
        case .failure(let error): return .error(id: request.id, error)
        case .success(let value): parsed = value
        }
        let handlerContext = primitiveContext(request, revision: revision, context: context)
        let outcome = await runCancellable(request, context: context) { try await completer.complete(parsed, context: handlerContext) }
        switch outcome {
        case .success(let completion):
            let values = Array(completion.values.prefix(Completion.maximumValues))
            let total = max(completion.total ?? values.count, values.count)
            let object: JSONValue = [
                "values": .array(values.map { .string($0) }), "total": .int(Int64(total)), "hasMore": .bool(total > values.count),
            ]
            return finish(request.id, ["completion": object], revision: revision)
        case .failure(let error):
            return .error(id: request.id, .internalError("completion failed: \(error)"))
        }
    }

    /// Validates `ref`, `argument` and `context`: the reference must exist and be visible, and the
    /// argument must be one it declares, so a completer never sees a name it does not know.
    func completionRequest(_ params: [String: JSONValue], caller: Caller) -> Result<CompletionRequest, JSONRPCError> {
        guard let ref = params["ref"]?.objectValue, let type = ref["type"]?.stringValue else {
            return .failure(.invalidParams("params.ref must be {\"type\": \"ref/prompt\", \"name\": …} or {\"type\": \"ref/resource\", \"uri\": …}"))
        }
        guard let argument = params["argument"]?.objectValue, let name = argument["name"]?.stringValue,
            let value = argument["value"]?.stringValue
        else {
            return .failure(.invalidParams("params.argument must be {\"name\": string, \"value\": string}"))
        }
        guard value.utf8.count <= Self.maximumCompletionValueLength else {
            return .failure(.invalidParams("argument.value is longer than \(Self.maximumCompletionValueLength) bytes"))
        }
        var others: [String: String] = [:]
        if let chosen = params["context"]?.objectValue?["arguments"]?.objectValue {
            for (key, member) in chosen { if let text = member.stringValue { others[key] = text } }
        }
        let reference: CompletionRequest.Reference
        switch type {
        case "ref/prompt":
            guard let promptName = ref["name"]?.stringValue, let prompt = prompts.prompt(named: promptName) else {
                return .failure(.invalidParams("Unknown prompt: \(ref["name"]?.stringValue ?? "(none)")"))
            }
            guard prompts.isVisible(prompt, to: caller) else {
                return .failure(Self.scopeRequired("Prompt", promptName, scope: prompt.requiredScope))
            }
            guard prompt.arguments.contains(where: { $0.name == name }) else {
                return .failure(.invalidParams("prompt \(promptName) has no argument \(name)"))
            }
            reference = .prompt(promptName)
        case "ref/resource":
            guard let uri = ref["uri"]?.stringValue,
                let template = resources.visibleTemplates(for: caller).first(where: { $0.template.description == uri })
            else {
                return .failure(.invalidParams("Unknown resource template: \(ref["uri"]?.stringValue ?? "(none)") (see resources/templates/list)"))
            }
            guard template.template.variables.contains(name) else {
                return .failure(.invalidParams("resource template \(uri) has no variable \(name)"))
            }
            reference = .resourceTemplate(uri)
        default:
            return .failure(.invalidParams("ref.type must be ref/prompt or ref/resource, got \(type)"))
        }
        return .success(CompletionRequest(reference: reference, argument: name, value: value, otherArguments: others))
    }
}
