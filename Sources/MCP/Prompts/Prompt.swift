/// A prompt template the user can pick in the client (`prompts/list`, `prompts/get`).
///
/// Prompts only produce messages that steer the model; they never call Discogs themselves,
/// so the handler gets the already validated string arguments and the caller.
public struct Prompt: Sendable {
    public typealias Renderer = @Sendable (_ arguments: [String: String], _ context: ToolContext) async throws -> [PromptMessage]

    public var name: String
    /// Display name; sent from 2025-06-18.
    public var title: String
    public var description: String
    public var arguments: [PromptArgument]
    /// The grant scope needed to see and get it; `nil` for public prompts.
    public var requiredScope: String?
    public let render: Renderer

    public init(
        name: String,
        title: String,
        description: String,
        arguments: [PromptArgument] = [],
        requiredScope: String? = nil,
        render: @escaping Renderer
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
        self.requiredScope = requiredScope
        self.render = render
    }
}

/// One argument a prompt takes; MCP prompt arguments are always strings.
public struct PromptArgument: Sendable, Hashable {
    public var name: String
    public var title: String?
    public var description: String
    public var required: Bool

    public init(name: String, title: String? = nil, description: String, required: Bool = false) {
        self.name = name
        self.title = title
        self.description = description
        self.required = required
    }
}

/// One message of a `prompts/get` result.
public struct PromptMessage: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case user
        case assistant
    }

    public var role: Role
    public var content: ContentBlock

    public init(role: Role, content: ContentBlock) {
        self.role = role
        self.content = content
    }

    public static func user(_ text: String) -> PromptMessage {
        PromptMessage(role: .user, content: .text(text))
    }

    public static func assistant(_ text: String) -> PromptMessage {
        PromptMessage(role: .assistant, content: .text(text))
    }
}
