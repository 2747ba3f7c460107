/// How to start the in-process sandbox Discogs (sandbox mode).
public struct SandboxSettings: Sendable, Hashable {
    /// Releases in the generated account's collection.
    public var collectionSize = 300
    /// Loopback port; 0 picks a free one.
    public var port = 0
    /// Opens the sandbox's `/_sandbox/` control routes to requests carrying it (fault and e2e runs).
    public var controlToken: String?

    public init(collectionSize: Int = 300, port: Int = 0) {
        self.collectionSize = collectionSize
        self.port = port
    }
}
