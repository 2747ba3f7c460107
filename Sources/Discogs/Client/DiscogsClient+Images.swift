import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension DiscogsClient: DiscogsImageFetching {
    /// Same-host redirects followed at most this often.
    static let maxImageRedirects = 3

    /// One answer of the image host: the image, or a same-host redirect to follow.
    enum ImageHop {
        case image(FetchedImage)
        case redirect(URL)
    }

    /// Uses no signing, cache or rate budget (the image CDN is not the API and must never see a
    /// Discogs credential); every hop passes the `ImageHostPolicy` (allowed host, public addresses,
    /// connection pinned to the checked address) before a byte is sent.
    public nonisolated func fetchImage(_ url: URL, maxBytes: Int) async throws -> FetchedImage {
        var current = url
        for _ in 0...Self.maxImageRedirects {
            let hop: ImageHop
            switch try await imagePolicy.route(for: current) {
            case .direct:
                hop = try await exchangeImage(current, maxBytes: maxBytes, with: httpClient)
            case .pinned(let host, let address):
                var pinned = HTTPClient.Configuration(
                    redirectConfiguration: .disallow,
                    timeout: .init(connect: TimeAmount(configuration.connectTimeout), read: TimeAmount(configuration.readTimeout))
                )
                // Connects to the checked address and keeps the URL's host for Host, SNI and the
                // certificate check (curl's --resolve): no second lookup a rebinding name could answer.
                pinned.dnsOverride = [host: address]
                let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: pinned)
                do {
                    hop = try await exchangeImage(current, maxBytes: maxBytes, with: client)
                    try? await client.shutdown()
                } catch {
                    try? await client.shutdown()
                    throw error
                }
            }
            switch hop {
            case .image(let image): return image
            case .redirect(let next): current = next
            }
        }
        throw ImageFetchError.tooManyRedirects
    }

    /// One GET of `url`: the image (size-capped, `image/*` only) or a same-host redirect.
    nonisolated func exchangeImage(_ url: URL, maxBytes: Int, with client: HTTPClient) async throws -> ImageHop {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: "image/*")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(Int64(configuration.readTimeout.components.seconds) + 10))
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
            return .image(FetchedImage(data: bytes, mimeType: mime, url: url))
        case 301, 302, 303, 307, 308:
            guard let location = response.headers.first(name: "location"), let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                throw ImageFetchError.status(Int(response.status.code))
            }
            guard next.host?.lowercased() == url.host?.lowercased(), next.port == url.port else {
                throw ImageFetchError.offHostRedirect(from: url.host ?? "?", to: next.host ?? location)
            }
            return .redirect(next)
        default:
            throw ImageFetchError.status(Int(response.status.code))
        }
    }
}
