import MCP
import Testing

@testable import Tools

/// The shared next-step line: the wording, at most two suggestions, no repeats, nothing when there is none.
@Suite("Next steps")
struct NextStepTests {
    @Test("one line, real values, at most two distinct suggestions")
    func line() {
        let details = NextStep("get_release", [("release_id", "123")], "for details")
        let pressings = NextStep("rank_pressings", [("master_id", "9"), ("purpose", "value")], "to compare its pressings")
        #expect(NextStep.line([details]) == "Next: get_release with release_id 123 for details.")
        #expect(
            NextStep.line([details, nil, details, pressings, NextStep("ping", [], "to check")])
                == "Next: get_release with release_id 123 for details; rank_pressings with master_id 9 and purpose value to compare its pressings."
        )
        #expect(NextStep.line([nil]) == nil)
    }

    @Test("the line ends the answer's text; an answer without steps is unchanged")
    func suggesting() {
        let answer = ToolResult.text("Found 1.", structured: ["n": 1])
        let suggested = answer.suggesting(NextStep("get_release", [("release_id", "5")], "for details"))
        #expect(suggested.content == [.text("Found 1.\nNext: get_release with release_id 5 for details.")])
        #expect(suggested.structuredContent == answer.structuredContent)
        #expect(answer.suggesting(nil) == answer)
    }
}
