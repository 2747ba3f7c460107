import Foundation

/// Downloads a Discogs image (an opaque, signed CDN URL taken from a release or artist) with no credentials.
///
/// The image host needs no authentication, so nothing that identifies the user may travel there; and a
/// redirect to another host is refused rather than followed, so a tampered URL cannot bounce the request elsewhere.
public protocol DiscogsImageFetching: Sendable {
    /// Fetches `url` and returns its bytes, refusing bodies over `maxBytes` and anything that is not an image.
    func fetchImage(_ url: URL, maxBytes: Int) async throws -> FetchedImage
}

/// An image as downloaded.
public struct FetchedImage: Sendable, Hashable {
    public var data: Data
    /// The `Content-Type` the host sent, e.g. `image/jpeg`.
    public var mimeType: String
    /// Where it finally came from (after same-host redirects).
    public var url: URL

    public init(data: Data, mimeType: String, url: URL) {
        self.data = data
        self.mimeType = mimeType
        self.url = url
    }
}

/// Why an image could not be fetched, worded for the person reading the tool result.
public enum ImageFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedURL(String)
    case tooLarge(limit: Int, size: Int?)
    case notAnImage(contentType: String)
    case status(Int)
    case offHostRedirect(from: String, to: String)
    case tooManyRedirects
    case transport(String)
    case disallowedHost(String)
    case privateAddress(String)

    public var description: String {
        switch self {
        case .unsupportedURL(let url):
            "The image URL \(url) is not an http(s) URL; refusing to fetch it."
        case .tooLarge(let limit, let size):
            "The image is larger than this server's \(Self.bytes(limit)) limit\(size.map { " (\(Self.bytes($0)))" } ?? ""); refused. Ask for the thumbnail size instead."
        case .notAnImage(let contentType):
            "The image host answered with \(contentType.isEmpty ? "no content type" : contentType), not an image."
        case .status(let status):
            "The image host answered HTTP \(status); the image may have moved. Fetch the release again for a fresh image URL."
        case .offHostRedirect(let from, let to):
            "The image host \(from) redirected to another host (\(to)); not followed."
        case .tooManyRedirects:
            "The image host redirected too many times; not followed."
        case .transport(let detail):
            "Could not download the image (\(detail)); try again shortly."
        case .disallowedHost(let host):
            "The image URL points at \(host), which is not one of this server's allowed image hosts (DISCOGS_MCP_IMAGE_HOSTS); refusing to fetch it."
        case .privateAddress(let host):
            "The image host \(host) does not resolve to public addresses only; refusing to fetch from it."
        }
    }

    /// "512 bytes", "64 KiB", "1.5 MiB".
    static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) bytes" }
        if count < 1 << 20 { return "\(count / 1024) KiB" }
        return "\((Double(count) / Double(1 << 20) * 10).rounded() / 10) MiB"
    }
}
