/// A resource at a fixed URI (`discogs://collection`): what `resources/list` shows and how to read it.
///
/// A value with a handler rather than a protocol, because resources are few and differ only
/// in their data source; the dispatcher checks visibility and shapes the result per revision.
public struct Resource: Sendable {
    public typealias Reader = @Sendable (_ uri: String, _ context: ToolContext) async throws -> [ResourceContents]

    public var uri: String
    public var name: String
    /// Display name; sent from 2025-06-18.
    public var title: String
    public var description: String
    public var mimeType: String?
    /// The grant scope needed to see and read it; `nil` for public resources.
    public var requiredScope: String?
    /// How long a 2026 client may reuse a read (`ttlMs`); the scope is always `private`.
    public var cacheTTLMilliseconds: Int64
    /// Whether a read may call an upstream API (Discogs): such reads pass the tool-call gate,
    /// so reading resources in a loop cannot spend more of the shared upstream budget than tool calls.
    public var reachesUpstream: Bool
    public let read: Reader

    public init(
        uri: String,
        name: String,
        title: String,
        description: String,
        mimeType: String? = nil,
        requiredScope: String? = nil,
        cacheTTLMilliseconds: Int64 = 60_000,
        reachesUpstream: Bool = false,
        read: @escaping Reader
    ) {
        self.uri = uri
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.requiredScope = requiredScope
        self.cacheTTLMilliseconds = cacheTTLMilliseconds
        self.reachesUpstream = reachesUpstream
        self.read = read
    }
}

/// A family of resources named by an RFC 6570 level-1 template (`discogs://release/{id}`).
public struct ResourceTemplate: Sendable {
    public typealias Reader = @Sendable (_ uri: String, _ variables: [String: String], _ context: ToolContext) async throws -> [ResourceContents]

    public var template: URITemplate
    public var name: String
    public var title: String
    public var description: String
    public var mimeType: String?
    public var requiredScope: String?
    public var cacheTTLMilliseconds: Int64
    /// Whether a read may call an upstream API (Discogs): such reads pass the tool-call gate,
    /// so reading resources in a loop cannot spend more of the shared upstream budget than tool calls.
    public var reachesUpstream: Bool
    public let read: Reader

    /// - Precondition: `uriTemplate` is a valid level-1 template (a typo is a programming error caught at start-up).
    public init(
        uriTemplate: String,
        name: String,
        title: String,
        description: String,
        mimeType: String? = nil,
        requiredScope: String? = nil,
        cacheTTLMilliseconds: Int64 = 60_000,
        reachesUpstream: Bool = false,
        read: @escaping Reader
    ) {
        guard let template = URITemplate(uriTemplate) else { preconditionFailure("invalid URI template \(uriTemplate)") }
        self.template = template
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.requiredScope = requiredScope
        self.cacheTTLMilliseconds = cacheTTLMilliseconds
        self.reachesUpstream = reachesUpstream
        self.read = read
    }
}

/// One item of a `resources/read` result: text or base64 binary at a URI.
public struct ResourceContents: Sendable, Hashable {
    public enum Body: Sendable, Hashable {
        case text(String)
        /// Base64-encoded bytes.
        case blob(String)
    }

    public var uri: String
    public var mimeType: String?
    public var body: Body

    public init(uri: String, mimeType: String?, body: Body) {
        self.uri = uri
        self.mimeType = mimeType
        self.body = body
    }

    public static func text(_ text: String, uri: String, mimeType: String? = "text/plain") -> ResourceContents {
        ResourceContents(uri: uri, mimeType: mimeType, body: .text(text))
    }

    /// `value` serialized as compact, key-sorted JSON with `application/json`.
    public static func json(_ value: JSONValue, uri: String) -> ResourceContents {
        ResourceContents(uri: uri, mimeType: "application/json", body: .text(value.encodedString))
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["uri": .string(uri)]
        if let mimeType { object["mimeType"] = .string(mimeType) }
        switch body {
        case .text(let text): object["text"] = .string(text)
        case .blob(let base64): object["blob"] = .string(base64)
        }
        return .object(object)
    }
}

/// Thrown by a resource reader; the dispatcher turns it into the matching JSON-RPC error.
public enum ResourceFailure: Error, Sendable, Hashable {
    /// The URI names nothing (an unknown release id): "resource not found" for the revision.
    case notFound(String)
    /// The resource exists but cannot be read now (no account, Discogs down): -32603 with this message.
    case unavailable(String)
}
