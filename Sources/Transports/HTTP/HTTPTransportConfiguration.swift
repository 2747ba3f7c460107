import Foundation

/// Settings shared by the HTTP transports.
public struct HTTPTransportConfiguration: Sendable {
    /// The base of every URL the server advertises (the SSE endpoint event uses its path).
    public var publicURL: URL
    public var origins: OriginPolicy
    /// Bodies larger than this are refused with 413 before parsing.
    public var maxBodyBytes: Int
    /// How often open event streams get a `:` keep-alive comment.
    public var keepAliveInterval: Duration
    /// Requests of one session (or, without a session, of one principal) that may run at once.
    public var maxInFlightPerSession: Int

    /// `bindsLoopback`: whether the listener is reachable from this machine only (then loopback Origins are trusted).
    public init(
        publicURL: URL,
        allowedOrigins: [String],
        bindsLoopback: Bool = true,
        maxBodyBytes: Int = 1 << 20,
        keepAliveInterval: Duration = .seconds(15),
        maxInFlightPerSession: Int = 32
    ) {
        self.maxInFlightPerSession = maxInFlightPerSession
        self.publicURL = publicURL
        self.origins = OriginPolicy(publicURL: publicURL, allowedOrigins: allowedOrigins, allowsLoopbackOrigins: bindsLoopback)
        self.maxBodyBytes = maxBodyBytes
        self.keepAliveInterval = keepAliveInterval
    }

    /// The public URL's path without a trailing slash ("" when served at the root).
    var basePath: String {
        var path = publicURL.path
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
