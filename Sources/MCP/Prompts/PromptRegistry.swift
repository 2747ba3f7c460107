/// The server's prompts, sorted by name, filtered by the caller's scopes.
public struct PromptRegistry: Sendable {
    public let prompts: [Prompt]
    private let byName: [String: Prompt]

    /// - Precondition: names are unique.
    public init(_ prompts: [Prompt] = []) {
        self.prompts = prompts.sorted { $0.name < $1.name }
        var byName: [String: Prompt] = [:]
        for prompt in prompts {
            precondition(byName[prompt.name] == nil, "duplicate prompt name \(prompt.name)")
            byName[prompt.name] = prompt
        }
        self.byName = byName
    }

    public var isEmpty: Bool { prompts.isEmpty }

    public func prompt(named name: String) -> Prompt? {
        byName[name]
    }

    public func isVisible(_ prompt: Prompt, to caller: Caller) -> Bool {
        caller.grants(prompt.requiredScope)
    }

    public func visiblePrompts(for caller: Caller) -> [Prompt] {
        prompts.filter { isVisible($0, to: caller) }
    }
}
