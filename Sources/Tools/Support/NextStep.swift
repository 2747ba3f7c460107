import MCP

/// The one line that ends an answer whose natural follow-up is another tool: "Next: get_release with
/// release_id 123 for details." Real values from the answer, at most two suggestions, one wording everywhere.
struct NextStep: Sendable, Hashable {
    var tool: String
    var arguments: [(String, String)]
    /// What the call is for, "for details".
    var purpose: String

    init(_ tool: String, _ arguments: [(String, String)] = [], _ purpose: String) {
        self.tool = tool
        self.arguments = arguments
        self.purpose = purpose
    }

    static func == (lhs: NextStep, rhs: NextStep) -> Bool { lhs.text == rhs.text }
    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// "get_release with release_id 123 for details".
    var text: String {
        let given = arguments.map { "\($0.0) \($0.1)" }.joined(separator: " and ")
        return tool + (given.isEmpty ? "" : " with \(given)") + " " + purpose
    }

    /// "Next: a; b." for the first two distinct steps; nil when there are none.
    static func line(_ steps: [NextStep?]) -> String? {
        var chosen: [NextStep] = []
        for case let step? in steps where !chosen.contains(step) && chosen.count < 2 { chosen.append(step) }
        guard !chosen.isEmpty else { return nil }
        return "Next: " + chosen.map(\.text).joined(separator: "; ") + "."
    }
}

extension ToolResult {
    /// The answer with the next-step line as the last line of its text (unchanged when there are no steps).
    func suggesting(_ steps: NextStep?...) -> ToolResult {
        guard let line = NextStep.line(steps) else { return self }
        var result = self
        if case .text(let text)? = result.content.last {
            result.content[result.content.count - 1] = .text(text + "\n" + line)
        } else {
            result.content.append(.text(line))
        }
        return result
    }
}
