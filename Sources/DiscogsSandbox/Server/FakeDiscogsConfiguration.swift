/// Where the fake listens and which URLs it prints.
public struct FakeDiscogsConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; read it from `FakeDiscogsServer.port`.
    public var port: Int
    /// The scheme assumed for the Host header when building URLs and signature base strings.
    public var scheme: String
    /// When set, resource URLs and the signature base URI use this instead of the Host header
    /// (e.g. `https://api.discogs.com` to check RFC 5849 vectors verbatim).
    public var publicBaseURL: String?
    /// When set, image URLs point here instead of at the API base.
    public var imageBaseURL: String?
    /// When set, the control routes (`/_sandbox/…`: faults, latency, revocations, image base) answer
    /// requests carrying it in `X-Sandbox-Control`; when nil they do not exist.
    public var controlToken: String?

    public init(host: String = "127.0.0.1", port: Int = 0, scheme: String = "http", publicBaseURL: String? = nil, imageBaseURL: String? = nil) {
        self.host = host
        self.port = port
        self.scheme = scheme
        self.publicBaseURL = publicBaseURL
        self.imageBaseURL = imageBaseURL
    }
}
