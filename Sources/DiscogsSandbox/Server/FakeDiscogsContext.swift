import Hummingbird

/// The request context of the fake: who is calling and which base URLs to print.
public struct FakeDiscogsContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var caller: FakeCaller = .anonymous
    /// `scheme://host[:port]` that resource URLs in bodies start with.
    public var baseURL: String = "http://localhost"
    /// Where image URLs point (no authentication needed there).
    public var imageBaseURL: String = "http://localhost"
    /// Decoded form-body parameters, already read by the middleware for signature checks.
    public var formItems: [(String, String)] = []
    /// The credential material, kept for the OAuth endpoints' own signature checks.
    public var credentialInput: CredentialInput?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Image URL for an entity, or `""` for anonymous callers (Discogs API documentation, "Images": image URLs need authentication).
    func image(_ kind: String, _ id: Int, size: Int = 600) -> FakeJSON {
        guard caller.seesImages else { return "" }
        return .string("\(imageBaseURL)/images/\(FakeImages.signature(kind, id))/rs:fit/h:\(size)/w:\(size)/\(kind)-\(id).png")
    }
}
