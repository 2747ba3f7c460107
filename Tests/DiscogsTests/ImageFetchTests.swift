import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import Discogs

/// `DiscogsClient.fetchImage`: no credentials, same-host redirects only, size and type checks.
@Suite("Image fetching")
struct ImageFetchTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 300)

    actor Seen {
        var authorizations: [String?] = []
        var paths: [String] = []
        func record(_ path: String, _ authorization: String?) {
            paths.append(path)
            authorizations.append(authorization)
        }
    }

    static func run(_ body: @Sendable (_ base: String, _ seen: Seen) async throws -> Void) async throws {
        let seen = Seen()
        let router = Router()
        router.get("/img/:name") { request, context -> Response in
            await seen.record(request.uri.path, request.headers[.authorization])
            switch try context.parameters.require("name") {
            case "cover.png":
                return Response(status: .ok, headers: [.contentType: "image/png"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
            case "hop":
                return Response(status: .found, headers: [.location: "/img/cover.png"])
            case "away":
                return Response(status: .found, headers: [.location: "http://203.0.113.9/img/cover.png"])
            case "page":
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/html"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "<html></html>"))
                )
            default:
                return Response(status: .notFound)
            }
        }
        var logger = Logger(label: "image-stub")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)", seen)
        }
    }

    static func url(_ text: String) throws -> URL {
        try #require(URL(string: text))
    }

    @Test("an image is fetched without any Authorization header, following a same-host redirect")
    func fetchesWithoutCredentials() async throws {
        try await Self.run { base, seen in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: 1)) { client in
                let image = try await client.fetchImage(try Self.url("\(base)/img/hop"), maxBytes: 1 << 20)
                #expect(Array(image.data) == Self.png)
                #expect(image.mimeType == "image/png")
                #expect(image.url.path == "/img/cover.png")
            }
            #expect(await seen.paths == ["/img/hop", "/img/cover.png"])
            #expect(await seen.authorizations == [nil, nil])
        }
    }

    @Test("a redirect to another host, an oversized body and a non-image are refused")
    func refusals() async throws {
        try await Self.run { base, seen in
            try await DiscogsStub.withClient(DiscogsStub.configuration(port: 1)) { client in
                await #expect(throws: ImageFetchError.offHostRedirect(from: "127.0.0.1", to: "203.0.113.9")) {
                    _ = try await client.fetchImage(try Self.url("\(base)/img/away"), maxBytes: 1 << 20)
                }
                await #expect(throws: ImageFetchError.tooLarge(limit: 100, size: Self.png.count)) {
                    _ = try await client.fetchImage(try Self.url("\(base)/img/cover.png"), maxBytes: 100)
                }
                await #expect(throws: ImageFetchError.notAnImage(contentType: "text/html")) {
                    _ = try await client.fetchImage(try Self.url("\(base)/img/page"), maxBytes: 1 << 20)
                }
                await #expect(throws: ImageFetchError.unsupportedURL("file:///etc/passwd")) {
                    _ = try await client.fetchImage(try Self.url("file:///etc/passwd"), maxBytes: 1 << 20)
                }
            }
            #expect(await seen.paths == ["/img/away", "/img/cover.png", "/img/page"], "nothing was requested from the other host")
        }
    }
}
