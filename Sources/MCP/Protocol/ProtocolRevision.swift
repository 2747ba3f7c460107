/// The MCP protocol revisions this server speaks, and what each one allows on the wire.
///
/// Every revision-dependent choice in the dispatcher asks one of these properties, so adding a
/// revision means adding a case and answering each question once.
public enum ProtocolRevision: String, Sendable, CaseIterable, Comparable, Codable {
    case v2024_11_05 = "2024-11-05"
    case v2025_03_26 = "2025-03-26"
    case v2025_06_18 = "2025-06-18"
    case v2025_11_25 = "2025-11-25"
    case v2026_07_28 = "2026-07-28"

    /// Revisions reached through the `initialize` handshake.
    public static let handshake: [ProtocolRevision] = [.v2024_11_05, .v2025_03_26, .v2025_06_18, .v2025_11_25]
    /// Stateless revisions with the per-request `_meta` envelope.
    public static let modern: [ProtocolRevision] = [.v2026_07_28]
    /// What `initialize` answers when the client asks for a revision not served here.
    public static let newestHandshake: ProtocolRevision = .v2025_11_25

    public static func < (lhs: ProtocolRevision, rhs: ProtocolRevision) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public var isModern: Bool { self >= .v2026_07_28 }
    /// JSON-RPC batches must be received (2025-03-26 only).
    public var acceptsBatches: Bool { self == .v2025_03_26 }
    /// Tool `annotations` exist from 2025-03-26.
    public var hasToolAnnotations: Bool { self >= .v2025_03_26 }
    /// `title`, `outputSchema` and `structuredContent` exist from 2025-06-18.
    public var hasStructuredOutput: Bool { self >= .v2025_06_18 }
    public var hasTitles: Bool { self >= .v2025_06_18 }
    /// `notifications/progress` may carry a `message` from 2025-03-26.
    public var hasProgressMessage: Bool { self >= .v2025_03_26 }
    /// From 2025-11-25, arguments that fail validation are tool errors (`isError`), not -32602.
    public var reportsArgumentErrorsAsToolErrors: Bool { self >= .v2025_11_25 }
    /// A missing resource is -32002 in the handshake revisions; 2026-07-28 folds it into -32602.
    public var hasResourceNotFoundCode: Bool { !isModern }
    /// Results carry `resultType` and `_meta.serverInfo` in the modern era.
    public var hasResultType: Bool { isModern }
    /// The server may send `elicitation/create` with `mode: "url"` (2025-11-25, "Elicitation");
    /// 2026-07-28 asks for input only inside results (`input_required`).
    public var hasURLElicitation: Bool { self == .v2025_11_25 }
}
