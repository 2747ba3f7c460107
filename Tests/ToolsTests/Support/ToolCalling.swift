import Discogs
import DiscogsSandbox
import Foundation
import MCP
import Testing
import Tools

/// Remembers every `AccountChange` a tool reports, so tests can check writes notify the index.
actor RecordingChanges: AccountChangeListener {
    private(set) var changes: [AccountChange] = []
    func accountChanged(_ change: AccountChange) { changes.append(change) }
}

extension SandboxHarness {
    /// The catalog wired to this sandbox, with `changes` recording writes.
    func catalog(
        changes: RecordingChanges = RecordingChanges(),
        imageByteLimit: Int = 1 << 20,
        environment base: DiscogsToolEnvironment? = nil
    ) -> [String: any Tool] {
        var environment = base ?? self.environment
        environment.changes = changes
        let tools = DiscogsTools.all(environment: environment, imageByteLimit: imageByteLimit)
        return Dictionary(tools.map { ($0.definition.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Calls a tool the way the dispatcher does — arguments validated against the input schema first, thrown
    /// errors turned into `isError` results — and checks every successful structured result against the output schema.
    func call(
        _ name: String,
        _ arguments: [String: JSONValue] = [:],
        caller: Caller = SandboxHarness.caller,
        changes: RecordingChanges = RecordingChanges(),
        imageByteLimit: Int = 1 << 20,
        environment: DiscogsToolEnvironment? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ToolResult {
        let tools = catalog(changes: changes, imageByteLimit: imageByteLimit, environment: environment)
        let tool = try #require(tools[name], "no tool named \(name)", sourceLocation: sourceLocation)
        let violations = SchemaValidator().validate(.object(arguments), against: tool.definition.inputSchema)
        #expect(violations.isEmpty, "test arguments for \(name) break its input schema: \(violations)", sourceLocation: sourceLocation)
        let result: ToolResult
        do {
            result = try await tool.call(arguments, context: SandboxHarness.context(caller))
        } catch let failure as ToolFailure {
            result = .error(failure.message)
        } catch {
            result = .error("\(name) failed: \(error)")
        }
        if !result.isError, let schema = tool.definition.outputSchema {
            let structured = try #require(result.structuredContent, "\(name) returned no structuredContent", sourceLocation: sourceLocation)
            let problems = SchemaValidator().validate(structured, against: schema)
            #expect(problems.isEmpty, "\(name)'s structuredContent breaks its outputSchema: \(problems)", sourceLocation: sourceLocation)
        }
        return result
    }
}

extension ToolResult {
    /// All text blocks joined.
    var text: String {
        content.compactMap { block in
            if case .text(let text) = block { return text }
            return nil
        }.joined(separator: "\n")
    }

    var structured: JSONValue { structuredContent ?? .null }
}

extension JSONValue {
    var int: Int? { intValue.map { Int($0) } }
    var array: [JSONValue] { arrayValue ?? [] }
}
