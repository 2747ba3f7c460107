/// Suggests values for a prompt argument or a resource-template variable (`completion/complete`).
///
/// The dispatcher has already checked that the reference exists, is visible to the caller and
/// names a real argument, and bounds what comes back; a completer only finds candidates.
public protocol ArgumentCompleter: Sendable {
    func complete(_ request: CompletionRequest, context: ToolContext) async throws -> Completion
}

/// One `completion/complete` request, validated.
public struct CompletionRequest: Sendable, Hashable {
    public enum Reference: Sendable, Hashable {
        /// `ref/prompt`: the prompt's name.
        case prompt(String)
        /// `ref/resource`: the template as declared, e.g. `discogs://release/{id}`.
        case resourceTemplate(String)
    }

    public var reference: Reference
    /// The argument (or template variable) being completed.
    public var argument: String
    /// What the user has typed so far.
    public var value: String
    /// Arguments already chosen (`context.arguments`), which may narrow the suggestions.
    public var otherArguments: [String: String]

    public init(reference: Reference, argument: String, value: String, otherArguments: [String: String] = [:]) {
        self.reference = reference
        self.argument = argument
        self.value = value
        self.otherArguments = otherArguments
    }
}

/// Suggested values, best first.
public struct Completion: Sendable, Hashable {
    public var values: [String]
    /// How many values match in all, when known.
    public var total: Int?

    public init(values: [String], total: Int? = nil) {
        self.values = values
        self.total = total
    }

    /// The protocol's limit on values in one answer.
    public static let maximumValues = 100
}
