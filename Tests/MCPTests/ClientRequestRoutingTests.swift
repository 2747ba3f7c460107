import Locking
import MCP
import TestSupport
import Testing

/// The first server request recorded by `sink`, once one was sent (nil if the wait was cancelled).
func firstRequest(in sink: RecordingSink) async -> (id: RequestID, method: String, params: JSONValue)? {
    await sink.requestSent()
    for message in await sink.messages {
        if case .request(let id, let method, let params) = message { return (id, method, params) }
    }
    return nil
}

func clientResponse(_ id: RequestID, result: JSONValue) -> ParsedBody {
    var writer = JSONWriter()
    writer.write(["jsonrpc": "2.0", "id": id.json, "result": result])
    return JSONRPCMessage.parse(writer.bytes)
}

/// Log lines the dispatcher wrote.
final class LogLines: Sendable {
    private let lines = Locked<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ event: String, _ metadata: [String: String]) { lines.withLock { $0.append("\(event) \(metadata["id"] ?? "")") } }
}

@Suite("Client requests: routing a client's response through Dispatcher.handle")
struct ClientRequestRoutingTests {
    let logs = LogLines()
    /// Deadlines run on this clock: nothing is late unless a test moves it.
    let clock = ManualClock()
    var dispatcher: Dispatcher {
        let logs = self.logs
        return Dispatcher(
            identity: ServerIdentity(name: "test-server", title: "Test", version: "9.9.9", instructions: "Test."),
            registry: ToolRegistry([EchoTool()]),
            clientRequests: ClientRequests(clock: clock),
            log: { logs.append($0, $1) }
        )
    }

    func context(_ transport: TransportKind, session: String? = "s1", era: Era = .handshake(.v2025_11_25)) -> MessageContext {
        MessageContext(caller: anonymous, transport: transport, era: era, sessionID: session)
    }

    @Test("a response reaches the request waiting on it, on every transport, and nothing is answered (HTTP: 202)", arguments: TransportKind.allCases)
    func routed(transport: TransportKind) async {
        let dispatcher = self.dispatcher
        let sink = RecordingSink()
        let session = transport == .stdio ? nil : "s1"
        let key = transport == .stdio ? "principal:anonymous" : "s1"
        let asking = Task { await dispatcher.clientRequests.send("ping", params: [:], session: key, via: sink) }
        guard let sent = await firstRequest(in: sink) else {
            Issue.record("no request was sent")
            return
        }
        #expect(sent.method == "ping" && sent.id == .string("srv-1"))
        guard case .none = await dispatcher.handle(clientResponse(sent.id, result: ["ok": true]), context: context(transport, session: session))
        else {
            Issue.record("a routed response must get no reply")
            return
        }
        #expect(await asking.value == .result(["ok": true]))
        #expect(dispatcher.clientRequests.pendingCount == 0)
        #expect(logs.all.isEmpty)
    }

    @Test("unknown, duplicate, late and other sessions' ids are logged and dropped; Streamable HTTP refuses them (400)")
    func unmatched() async {
        let dispatcher = self.dispatcher
        let sink = RecordingSink()
        let asking = Task { await dispatcher.clientRequests.send("ping", params: [:], session: "s1", via: sink) }
        guard let sent = await firstRequest(in: sink) else { return }
        // Another session's answer does not resolve s1's request.
        guard case .none = await dispatcher.handle(clientResponse(sent.id, result: [:]), context: context(.sse, session: "s2")) else {
            Issue.record("stream transports answer nothing")
            return
        }
        _ = await dispatcher.handle(clientResponse(sent.id, result: ["n": 1]), context: context(.sse))
        #expect(await asking.value == .result(["n": 1]))
        // The duplicate and an id never sent.
        guard case .none = await dispatcher.handle(clientResponse(sent.id, result: [:]), context: context(.sse)),
            case .none = await dispatcher.handle(clientResponse(.int(7), result: [:]), context: context(.stdio, session: nil)),
            case .error(let refusal) = await dispatcher.handle(clientResponse(.string("srv-404"), result: [:]), context: context(.streamableHTTP))
        else {
            Issue.record("unexpected reply to an unmatched response")
            return
        }
        #expect(refusal.error?.code == -32600)
        let ignored = "ignored a client response that answers no pending server request"
        #expect(logs.all == ["srv-1", "srv-1", "7", "srv-404"].map { "\(ignored) \($0)" })
    }

    @Test("2026-07-28 has no server requests: a posted response is refused and resolves nothing")
    func modern() async {
        let dispatcher = self.dispatcher
        let sink = RecordingSink()
        let asking = Task { await dispatcher.clientRequests.send("ping", params: [:], session: "s1", via: sink, timeout: .milliseconds(300)) }
        guard let sent = await firstRequest(in: sink) else { return }
        guard
            case .error(let refusal) = await dispatcher.handle(clientResponse(sent.id, result: [:]), context: context(.streamableHTTP, era: .modern))
        else {
            Issue.record("expected a refusal")
            return
        }
        #expect(refusal.error?.message.contains("2026-07-28") == true)
        await clock.sleepers(1)
        clock.advance(by: .milliseconds(300))
        #expect(await asking.value == .timedOut)
    }

    @Test("a response inside a 2025-03-26 batch is routed too")
    func batch() async {
        let dispatcher = self.dispatcher
        let sink = RecordingSink()
        let asking = Task { await dispatcher.clientRequests.send("ping", params: [:], session: "s1", via: sink) }
        guard let sent = await firstRequest(in: sink) else { return }
        let body = JSONRPCMessage.parse(Array(#"[{"jsonrpc":"2.0","id":"\#(sent.id.description)","error":{"code":-1,"message":"no"}}]"#.utf8))
        guard case .none = await dispatcher.handle(body, context: context(.streamableHTTP, era: .handshake(.v2025_03_26))) else {
            Issue.record("a batch of responses gets no reply")
            return
        }
        #expect(await asking.value == .error(code: -1, message: "no"))
    }

    @Test("no answer: the wait ends at the deadline and the table empties; a cancelled asker stops waiting")
    func deadlineAndCancel() async {
        let clock = ManualClock()
        let requests = ClientRequests(timeout: .seconds(120), clock: clock)
        let sink = RecordingSink()
        let unanswered = Task { await requests.send("ping", params: [:], session: "s1", via: sink) }
        await clock.sleepers(1)
        clock.advance(by: .seconds(119))
        #expect(requests.pendingCount == 1)
        clock.advance(by: .seconds(1))
        #expect(await unanswered.value == .timedOut)
        #expect(requests.pendingCount == 0)
        let slowSink = RecordingSink()
        let asking = Task { await requests.send("ping", params: [:], session: "s1", via: slowSink) }
        _ = await firstRequest(in: slowSink)
        await clock.sleepers(1)
        asking.cancel()
        #expect(await asking.value == .cancelled)
        #expect(requests.pendingCount == 0)
    }
}
