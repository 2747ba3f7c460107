import Discogs
import Foundation
import MCP

/// `fetch_image`: a release, master, artist or label picture as MCP image content.
enum ImageTools {
    /// The default cap on an image's size: a 600×600 cover is typically 50–150 KiB, so 1 MiB leaves room without flooding the context.
    static let defaultByteLimit = 1 << 20

    static func fetchImage(_ environment: DiscogsToolEnvironment, byteLimit: Int = defaultByteLimit) -> CatalogTool {
        let definition = ToolDefinition(
            name: "fetch_image",
            title: "Fetch a cover or artist image",
            description: """
                A release or master cover, artist photo or label logo as an image. Give one of release_id, master_id, artist_id, label_id. \
                Needs sign-in.
                """,
            inputSchema: CatalogSchema.input([
                "release_id": CatalogSchema.id(), "master_id": CatalogSchema.id(), "artist_id": CatalogSchema.id(), "label_id": CatalogSchema.id(),
                "index": CatalogSchema.integer("0-based, in get_release's order; default: the primary image.", minimum: 0, maximum: 500),
                "size": CatalogSchema.choice(["full", "thumbnail"], "full ~600 px, thumbnail 150 px.", default: "full"),
            ]),
            outputSchema: CatalogSchema.object(
                [
                    "source": CatalogSchema.string, "id": CatalogSchema.int, "index": CatalogSchema.int, "image_count": CatalogSchema.int,
                    "type": CatalogSchema.string, "width": CatalogSchema.int, "height": CatalogSchema.int, "bytes": CatalogSchema.int,
                    "mime_type": CatalogSchema.string,
                ],
                required: ["source", "id", "index", "image_count", "bytes", "mime_type"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            try await runFetchImage(arguments, context: context, environment: environment, byteLimit: byteLimit)
        }
    }

    /// Picks the one source, downloads the chosen image within the byte cap and captions it.
    static func runFetchImage(
        _ arguments: CatalogArguments,
        context: ToolContext,
        environment: DiscogsToolEnvironment,
        byteLimit: Int
    ) async throws -> ToolResult {
        let sources = ["release_id", "master_id", "artist_id", "label_id"].compactMap { name in arguments.int(name).map { (name, $0) } }
        guard sources.count == 1, let chosen = sources.first else {
            throw ToolFailure("Give exactly one of release_id, master_id, artist_id or label_id.")
        }
        let (kind, id) = chosen
        guard let fetcher = environment.api as? any DiscogsImageFetching else {
            throw ToolFailure("This server cannot download images (its Discogs client has no image fetcher).")
        }
        let credential = try await environment.account(for: context).credential
        let images: [DiscogsImage]
        switch kind {
        case "release_id": images = try await environment.api.release(id: id, as: credential).images ?? []
        case "master_id": images = try await environment.api.master(id: id, as: credential).images ?? []
        case "artist_id": images = try await environment.api.artist(id: id, as: credential).images ?? []
        default: images = try await environment.api.label(id: id, as: credential).images ?? []
        }
        let source = String(kind.dropLast(3))
        guard !images.isEmpty else { throw ToolFailure("Discogs has no images for \(source) \(id).") }
        let index: Int
        if let requested = arguments.int("index") {
            guard requested < images.count else {
                throw ToolFailure(
                    "\(source.capitalized) \(id) has \(images.count) image\(images.count == 1 ? "" : "s"); `index` must be 0–\(images.count - 1)."
                )
            }
            index = requested
        } else {
            index = images.firstIndex { $0.type == "primary" } ?? 0
        }
        let image = images[index]
        let thumbnail = arguments.string("size") == "thumbnail"
        guard let text = (thumbnail ? image.uri150 : image.uri) ?? image.uri, !text.isEmpty, let url = URL(string: text) else {
            throw ToolFailure("Discogs gave no URL for that image (image URLs are only shown to signed-in callers).")
        }
        let fetched: FetchedImage
        do {
            fetched = try await fetcher.fetchImage(url, maxBytes: byteLimit)
        } catch let error as ImageFetchError {
            throw ToolFailure(error.description)
        }
        let structured = StructuredValue.object([
            "source": .string(source), "id": StructuredValue.int(id), "index": StructuredValue.int(index),
            "image_count": StructuredValue.int(images.count),
            "type": StructuredValue.string(image.type), "width": thumbnail ? nil : StructuredValue.int(image.width),
            "height": thumbnail ? nil : StructuredValue.int(image.height),
            "bytes": StructuredValue.int(fetched.data.count), "mime_type": .string(fetched.mimeType),
        ])
        let caption =
            "Image \(index + 1) of \(images.count) for \(source) \(id) (\(image.type ?? "image"), \(thumbnail ? "thumbnail" : "full size"), \(StructuredValue.bytes(fetched.data.count)))."
        return ToolResult(
            content: [.image(base64: fetched.data.base64EncodedString(), mimeType: fetched.mimeType), .text(caption)],
            structuredContent: structured
        )
    }
}
