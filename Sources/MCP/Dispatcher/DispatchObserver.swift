/// Hooks the dispatcher calls so operations code (metrics, rate limits) can watch and gate
/// traffic without the protocol layer depending on any of it.
public protocol DispatchObserver: Sendable {
    /// A request was answered. `method` is the client's method name; map unknown names to a
    /// bounded label before using it as a metric dimension.
    func requestHandled(method: String, revision: ProtocolRevision?, transport: TransportKind, errorCode: Int?, duration: Duration)
    /// A tool call finished; `outcome` says whether it succeeded, failed as a tool, or failed as a protocol error.
    func toolCalled(name: String, outcome: ToolCallOutcome, duration: Duration)
}

public enum ToolCallOutcome: String, Sendable, CaseIterable {
    case ok
    case toolError = "tool_error"
    case protocolError = "protocol_error"
}

/// Admits or defers tool calls (inbound fairness); `nil` admits, a duration says when to retry.
public protocol ToolCallGate: Sendable {
    func admit(_ caller: Caller, tool: String) async -> Duration?
}
