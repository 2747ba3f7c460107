import Foundation
import MCP
import TestSupport

/// A tool with a schema that exercises validation, for dispatcher tests.
struct EchoTool: Tool {
    let definition = ToolDefinition(
        name: "echo",
        title: "Echo",
        description: "Echoes its text.",
        inputSchema: [
            "type": "object",
            "properties": [
                "text": ["type": "string", "minLength": 1],
                "times": ["type": "integer", "minimum": 1, "maximum": 3],
            ],
            "required": ["text"],
            "additionalProperties": false,
        ],
        outputSchema: ["type": "object", "properties": ["echo": ["type": "string"]], "required": ["echo"]],
        annotations: .readOnly(openWorld: false)
    )

    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let text = arguments["text"]?.stringValue ?? ""
        let times = Int(arguments["times"]?.intValue ?? 1)
        let echo = Array(repeating: text, count: times).joined(separator: " ")
        await context.progress.report(1, total: 1, message: "echoed")
        return .text(echo, structured: ["echo": .string(echo)])
    }
}

/// A tool that needs the `write` scope and fails on request.
struct GuardedTool: Tool {
    let definition = ToolDefinition(
        name: "guarded",
        title: "Guarded",
        description: "Needs write.",
        inputSchema: ["type": "object", "properties": ["fail": ["type": "boolean"]]],
        annotations: ToolAnnotations(readOnly: false, destructive: true, openWorld: true),
        requiredScope: "write"
    )

    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        if arguments["fail"] == .bool(true) { throw ToolFailure("Discogs said no; retry later") }
        return .text("done")
    }
}

/// Needs the client's elicitation capability (to ask before acting).
struct ConfirmingTool: Tool {
    let definition = ToolDefinition(
        name: "confirming",
        title: "Confirming",
        description: "Asks first.",
        annotations: ToolAnnotations(readOnly: false, destructive: true, openWorld: false),
        requiredClientCapabilities: ["elicitation"]
    )

    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult { .text("confirmed") }
}

/// Waits until cancelled: sleeps on a manual clock the tests never advance.
struct SlowTool: Tool {
    let definition = ToolDefinition(name: "slow", title: "Slow", description: "Sleeps.", annotations: .readOnly(openWorld: false))
    let clock: ManualClock

    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        try await clock.sleep(for: .seconds(30))
        return .text("woke")
    }
}

/// A recorded message sink.
actor RecordingSink: MessageSink {
    private(set) var messages: [OutgoingMessage] = []
    private var requestWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter: UInt64 = 0

    func send(_ message: OutgoingMessage) async {
        messages.append(message)
        guard case .request = message else { return }
        let waiters = requestWaiters.values
        requestWaiters = [:]
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once a server request went through this sink (at once if one already did), or when
    /// the waiting task is cancelled (a test's time limit), so a request never sent fails the test.
    func requestSent() async {
        nextWaiter += 1
        let id = nextWaiter
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled || messages.contains(where: { if case .request = $0 { true } else { false } }) {
                    continuation.resume()
                } else {
                    requestWaiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        requestWaiters.removeValue(forKey: id)?.resume()
    }
}

func makeDispatcher(pageSize: Int = 100, clock: ManualClock = ManualClock()) -> Dispatcher {
    Dispatcher(
        identity: ServerIdentity(name: "test-server", title: "Test", version: "9.9.9", instructions: "Test instructions."),
        registry: ToolRegistry([EchoTool(), GuardedTool(), SlowTool(clock: clock), ConfirmingTool()]),
        toolsPageSize: pageSize
    )
}

let anonymous = Caller.anonymous
let writer = Caller(principalID: "user:1", kind: "oauth", displayName: "digger", scopes: ["read", "write"])

func request(_ method: String, id: RequestID = .int(1), _ params: [String: JSONValue] = [:]) -> JSONRPCRequest {
    JSONRPCRequest(id: id, method: method, params: params)
}

func modernMeta(version: JSONValue = "2026-07-28") -> JSONValue {
    ["io.modelcontextprotocol/protocolVersion": version, "io.modelcontextprotocol/clientCapabilities": [:]]
}

/// Decodes an outgoing message back to JSON for assertions.
func decoded(_ message: OutgoingMessage?) -> JSONValue {
    guard let message else { return .null }
    return (try? JSONDecoder().decode(JSONValue.self, from: Data(message.encodedBytes))) ?? .null
}
