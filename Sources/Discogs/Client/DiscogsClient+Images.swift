import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension DiscogsClient: DiscogsImageFetching {
    /// Same-host redirects followed at most this often.
    static let maxImageRedirects = 3

    /// Uses the client's connection pool (redirects off) but none of its signing, cache or rate budget:
    /// the image CDN is not the API and must never see a Discogs credential.
    public nonisolated func fetchImage(_ url: URL, maxBytes: Int) async throws -> FetchedImage {
        var current = url
        for _ in 0...Self.maxImageRedirects {
            guard let scheme = current.scheme?.lowercased(), scheme == "https" || scheme == "http", let host = current.host, !host.isEmpty else {
                throw ImageFetchError.unsupportedURL(current.absoluteString)
            }
            var request = HTTPClientRequest(url: current.absoluteString)
            request.method = .GET
            request.headers.add(name: "User-Agent", value: configuration.userAgent)
            request.headers.add(name: "Accept", value: "image/*")
            let response: HTTPClientResponse
            do {
                response = try await httpClient.execute(request, timeout: .seconds(Int64(configuration.readTimeout.components.seconds) + 10))
            } catch {
                throw ImageFetchError.transport(String(describing: error))
            }
            switch response.status.code {
            case 200:
                let contentType = response.headers.first(name: "content-type") ?? ""
                guard contentType.lowercased().hasPrefix("image/") else { throw ImageFetchError.notAnImage(contentType: contentType) }
                if let length = response.headers.first(name: "content-length").flatMap({ Int($0) }), length > maxBytes {
                    throw ImageFetchError.tooLarge(limit: maxBytes, size: length)
                }
                var bytes = Data()
                do {
                    for try await chunk in response.body {
                        guard bytes.count + chunk.readableBytes <= maxBytes else { throw ImageFetchError.tooLarge(limit: maxBytes, size: nil) }
                        bytes.append(contentsOf: chunk.readableBytesView)
                    }
                } catch let error as ImageFetchError {
                    throw error
                } catch {
                    throw ImageFetchError.transport(String(describing: error))
                }
                let mime = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? contentType
                return FetchedImage(data: bytes, mimeType: mime, url: current)
            case 301, 302, 303, 307, 308:
                guard let location = response.headers.first(name: "location"), let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                    throw ImageFetchError.status(Int(response.status.code))
                }
                guard next.host?.lowercased() == current.host?.lowercased(), next.port == current.port else {
                    throw ImageFetchError.offHostRedirect(from: current.host ?? "?", to: next.host ?? location)
                }
                current = next
            default:
                throw ImageFetchError.status(Int(response.status.code))
            }
        }
        throw ImageFetchError.tooManyRedirects
    }
}
