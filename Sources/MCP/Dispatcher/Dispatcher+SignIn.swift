import Foundation

/// Sign-in by URL elicitation (MCP 2025-11-25, "Elicitation", URL mode).
///
/// An anonymous session whose client declared `capabilities.elicitation.url` and calls a tool it
/// cannot use yet is not only refused: the client is asked, through `elicitation/create` with
/// `mode: "url"`, to open the session's login link. The person sees the link and its code in
/// their own client (the link's page never shows the code, issue 14). The tool call then
/// answers what happened; once the login completes the session hears
/// `notifications/tools/list_changed` and `notifications/elicitation/complete`. Other clients
/// (no `url` in `elicitation`, older revisions, 2026-07-28) keep the refusal and `auth_status`.
extension Dispatcher {
    /// The tool call's answer when it asked (or had asked) the client to sign in; nil to go on as usual.
    func signInByElicitation(
        _ request: JSONRPCRequest,
        revision: ProtocolRevision,
        capabilities: [String: JSONValue],
        context: MessageContext
    ) async -> OutgoingMessage? {
        guard let signIn, !context.caller.isAuthenticated, revision.hasURLElicitation, Self.acceptsURLElicitation(capabilities),
            let sessionID = context.sessionID, let sink = context.related ?? context.channel?.sink,
            case .string(let name)? = request.params["name"], let tool = registry.tool(named: name), !registry.isVisible(tool, to: context.caller)
        else { return nil }
        let text: String
        switch await signIn.asked.claim(sessionID) {
        case .asked(let link?):
            text = "Sign-in is already under way for this session. \(Self.howToSignIn(link)) Then call \(name) again."
        case .asked(nil):
            return nil
        case .ask:
            guard let link = await signIn.issuer.signInLink(sessionID: sessionID) else {
                await signIn.asked.release(sessionID)
                return nil
            }
            let elicitationID = "signin-" + UUID().uuidString.lowercased()
            await signIn.asked.record(sessionID, link: link, elicitationID: elicitationID, sink: sink)
            let params: JSONValue = [
                "mode": "url",
                "message": .string(
                    "Sign in to Discogs so the assistant can use \(name). On the page, type the code \(link.code) (the page does not show it), choose what to allow and sign in at Discogs. The link works once and expires within \(Self.minutes(link.lifetime)) minutes."
                ),
                "url": .string(link.url),
                "elicitationId": .string(elicitationID),
            ]
            let reply = await clientRequests.send(
                "elicitation/create",
                params: params,
                session: Self.clientSessionKey(context),
                via: sink,
                timeout: signIn.answerTimeout
            )
            text = Self.signInOutcome(reply, link: link, tool: name)
        }
        return finish(request.id, ToolResult.error(text).json(for: revision), revision: revision)
    }

    /// Whether declared client capabilities include URL elicitation: `elicitation: {url: {}}`
    /// (2025-11-25). An empty `elicitation: {}` means form mode only.
    static func acceptsURLElicitation(_ capabilities: [String: JSONValue]) -> Bool {
        capabilities["elicitation"]?.objectValue?["url"]?.objectValue != nil
    }

    /// What the tool call says after the client answered (or did not).
    static func signInOutcome(_ reply: ClientReply, link: SignInLink, tool: String) -> String {
        if case .result(let result) = reply, result["action"]?.stringValue == "accept" {
            return
                "Not signed in yet: the user agreed to open the Discogs sign-in page. Once they have typed the code \(link.code) there and signed in at Discogs, this session gains the Discogs tools (its tool list changes); then call \(tool) again."
        }
        let why: String
        switch reply {
        case .result(let result): why = "The user did not open the sign-in page (\(result["action"]?.stringValue ?? "no action"))."
        case .timedOut: why = "The client did not answer the sign-in prompt."
        case .error(_, let message): why = "The client could not show the sign-in prompt (\(message))."
        case .cancelled: why = "The call was cancelled."
        case .notSent(let reason): why = "The sign-in prompt was not sent: \(reason)."
        }
        return "Not signed in: \(tool) needs a Discogs sign-in. \(why) Ask the user to sign in: \(howToSignIn(link)) Then call \(tool) again."
    }

    /// The same instructions `auth_status` gives with a login link.
    static func howToSignIn(_ link: SignInLink) -> String {
        "Open \(link.url) in a browser, type the code \(link.code) there (the page does not show it), choose what to allow, and sign in at Discogs. The link works once and expires within \(minutes(link.lifetime)) minutes; never send it to anyone else."
    }

    static func minutes(_ duration: Duration) -> Int {
        max(1, Int((duration.components.seconds + 59) / 60))
    }

    /// Tells the client its URL elicitation finished: the session `sessionID` signed in through
    /// its link. Nothing when the session was never asked (it used `auth_status`).
    public func signInCompleted(sessionID: String) async {
        guard let signIn, let (elicitationID, sink) = await signIn.asked.complete(sessionID) else { return }
        await sink.send(.notification(method: "notifications/elicitation/complete", params: ["elicitationId": .string(elicitationID)]))
    }

    /// The key of a client's pending requests: its session, or its principal on stdio (one client per process).
    static func clientSessionKey(_ context: MessageContext) -> String {
        context.sessionID ?? "principal:" + context.caller.principalID
    }
}
