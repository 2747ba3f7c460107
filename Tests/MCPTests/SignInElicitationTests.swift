import MCP
import TestSupport
import Testing

/// Hands out numbered links and counts them.
actor FakeSignInLinks: SignInLinkIssuer {
    private(set) var issued = 0

    func signInLink(sessionID: String) async -> SignInLink? {
        issued += 1
        return SignInLink(url: "https://server.test/login/ln_\(sessionID)_\(issued)", code: "ABCD-EFG\(issued + 1)", lifetime: .seconds(600))
    }
}

@Suite("Dispatcher: sign-in by URL elicitation (2025-11-25)")
struct SignInElicitationTests {
    let links = FakeSignInLinks()
    var dispatcher: Dispatcher {
        Dispatcher(
            identity: ServerIdentity(name: "test-server", title: "Test", version: "9.9.9", instructions: "Test."),
            registry: ToolRegistry([EchoTool(), GuardedTool()]),
            // A clock that never moves: an answer is never late, however slow the machine.
            signIn: SignInElicitation(issuer: links, clock: ManualClock()),
            clientRequests: ClientRequests(clock: ManualClock())
        )
    }

    static let urlCapable: [String: JSONValue] = ["elicitation": ["form": [:], "url": [:]]]

    func context(
        sink: RecordingSink,
        capabilities: [String: JSONValue] = urlCapable,
        revision: ProtocolRevision = .v2025_11_25,
        caller: Caller = anonymous
    ) -> MessageContext {
        MessageContext(
            caller: caller,
            transport: .sse,
            era: .handshake(revision),
            sessionID: "s1",
            sessionCapabilities: capabilities,
            related: sink,
            channel: NotificationChannel(id: "s1", sink: sink)
        )
    }

    let call = request("tools/call", ["name": "guarded", "arguments": [:]])

    /// Runs the call, answers its elicitation with `action`, and returns the request and the call's text.
    func callAndAnswer(_ dispatcher: Dispatcher, sink: RecordingSink, action: String) async -> (params: JSONValue, text: String)? {
        let context = context(sink: sink)
        let running = Task { await dispatcher.handle(call, context: context).message }
        guard let sent = await firstRequest(in: sink) else {
            Issue.record("no elicitation was sent")
            return nil
        }
        #expect(sent.method == "elicitation/create")
        #expect(await dispatcher.handle(clientResponse(sent.id, result: ["action": .string(action)]), context: context).isNone)
        let result = decoded(await running.value)["result"]
        #expect(result?["isError"] == true)
        return (sent.params, result?["content"]?.arrayValue?.first?["text"]?.stringValue ?? "")
    }

    @Test("an anonymous call of a tool it cannot see asks the client to open the login link, once; sign-in completes the elicitation")
    func accepted() async {
        let dispatcher = self.dispatcher
        let sink = RecordingSink()
        guard let (params, text) = await callAndAnswer(dispatcher, sink: sink, action: "accept") else { return }
        #expect(params["mode"] == "url")
        #expect(params["url"] == "https://server.test/login/ln_s1_1")
        #expect(params["message"]?.stringValue?.contains("ABCD-EFG2") == true)
        let elicitationID = params["elicitationId"]?.stringValue ?? ""
        #expect(elicitationID.hasPrefix("signin-"))
        #expect(text.contains("agreed") && text.contains("call guarded again"))
        // A second call while the link works repeats it in text: no new prompt, no new link.
        let again = decoded(await dispatcher.handle(call, context: context(sink: sink)).message)["result"]
        let againText = again?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(againText.contains("https://server.test/login/ln_s1_1") && againText.contains("ABCD-EFG2"))
        #expect(await links.issued == 1)
        #expect(await sink.messages.count == 1)
        await dispatcher.signInCompleted(sessionID: "s1")
        let last = decoded(await sink.messages.last)
        #expect(last == ["jsonrpc": "2.0", "method": "notifications/elicitation/complete", "params": ["elicitationId": .string(elicitationID)]])
        // Once complete the session is forgotten: nothing more to report.
        await dispatcher.signInCompleted(sessionID: "s1")
        #expect(await sink.messages.count == 2)
    }

    @Test("declined: the call answers with the link and code in text", arguments: ["decline", "cancel"])
    func declined(action: String) async {
        let sink = RecordingSink()
        guard let (_, text) = await callAndAnswer(dispatcher, sink: sink, action: action) else { return }
        #expect(text.contains("https://server.test/login/ln_s1_1") && text.contains("ABCD-EFG2") && text.contains(action))
    }

    @Test("no answer in time: the call answers with the link in text")
    func unanswered() async {
        let clock = ManualClock()
        let dispatcher = Dispatcher(
            identity: ServerIdentity(name: "t", title: "T", version: "1", instructions: "T."),
            registry: ToolRegistry([GuardedTool()]),
            signIn: SignInElicitation(issuer: links, answerTimeout: .seconds(120), clock: clock),
            clientRequests: ClientRequests(clock: clock)
        )
        let sink = RecordingSink()
        let calling = Task { await dispatcher.handle(call, context: context(sink: sink)).message }
        await sink.requestSent()
        await clock.sleepers(1)
        clock.advance(by: .seconds(120))
        let result = decoded(await calling.value)["result"]
        let text = result?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(text.contains("did not answer") && text.contains("https://server.test/login/ln_s1_1"))
        #expect(dispatcher.clientRequests.pendingCount == 0)
    }

    @Test(
        "other clients keep today's refusal: no url in elicitation, older revisions, signed-in callers, unknown tools",
        arguments: [
            (["elicitation": [:]] as [String: JSONValue], ProtocolRevision.v2025_11_25, false, "guarded"),
            ([:], .v2025_11_25, false, "guarded"),
            (urlCapable, .v2025_06_18, false, "guarded"),
            (urlCapable, .v2025_11_25, true, "guarded"),
            (urlCapable, .v2025_11_25, false, "nope"),
        ]
    )
    func notOffered(capabilities: [String: JSONValue], revision: ProtocolRevision, signedIn: Bool, tool: String) async {
        let sink = RecordingSink()
        let caller = signedIn ? Caller(principalID: "user:2", kind: "oauth", scopes: ["read"]) : anonymous
        let context = context(sink: sink, capabilities: capabilities, revision: revision, caller: caller)
        let answer = await dispatcher.handle(request("tools/call", ["name": .string(tool), "arguments": [:]]), context: context).message
        #expect(answer?.error?.code == -32602)
        #expect(await sink.messages.isEmpty)
        #expect(await links.issued == 0)
    }
}

extension Reply {
    var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}
