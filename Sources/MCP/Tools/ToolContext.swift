/// Who is calling and how, handed to every tool call.
public struct ToolContext: Sendable {
    public var caller: Caller
    public var revision: ProtocolRevision
    public var transport: TransportKind
    /// The legacy session the call arrived on, if any (a login link is bound to it).
    public var sessionID: String?
    /// Reports progress to the client when it asked for it with a progress token; otherwise a no-op.
    public var progress: ProgressReporter

    public init(
        caller: Caller,
        revision: ProtocolRevision,
        transport: TransportKind,
        sessionID: String? = nil,
        progress: ProgressReporter = .disabled
    ) {
        self.caller = caller
        self.revision = revision
        self.transport = transport
        self.sessionID = sessionID
        self.progress = progress
    }
}

/// Sends `notifications/progress` for one request.
public struct ProgressReporter: Sendable {
    private let send: (@Sendable (_ progress: Double, _ total: Double?, _ message: String?) async -> Void)?

    public init(_ send: (@Sendable (_ progress: Double, _ total: Double?, _ message: String?) async -> Void)?) {
        self.send = send
    }

    public static let disabled = ProgressReporter(nil)

    public func report(_ progress: Double, total: Double? = nil, message: String? = nil) async {
        await send?(progress, total, message)
    }
}

/// The authenticated party behind a request, as the protocol layer sees it.
///
/// Tools see only what they need to decide visibility and to address the right account; the
/// credentials themselves stay in the auth layer.
public struct Caller: Sendable, Hashable {
    /// Stable identity sessions are bound to (e.g. `anonymous`, `personal:<hash>`, `user:<id>`).
    public var principalID: String
    /// How the caller authenticated, for display (`anonymous`, `personal-token`, `oauth`).
    public var kind: String
    /// A user-facing name (the Discogs username) when known.
    public var displayName: String?
    public var scopes: Set<String>

    public init(principalID: String, kind: String, displayName: String? = nil, scopes: Set<String> = []) {
        self.principalID = principalID
        self.kind = kind
        self.displayName = displayName
        self.scopes = scopes
    }

    public var isAuthenticated: Bool { kind != "anonymous" }

    public static let anonymous = Caller(principalID: "anonymous", kind: "anonymous")
}

/// The transport a message arrived on.
public enum TransportKind: String, Sendable, CaseIterable, Codable {
    case streamableHTTP = "streamable-http"
    case sse = "sse"
    case stdio = "stdio"
}
