import Discogs
import Foundation
import MCP

/// The videos Discogs lists for a release: title, length and link, in structured output and text.
extension DatabaseTools {
    static let videoSchema = CatalogSchema.object(
        ["title": CatalogSchema.string, "url": CatalogSchema.string, "duration_seconds": CatalogSchema.int, "description": CatalogSchema.string],
        required: ["url"]
    )

    static func video(_ video: Video) -> JSONValue {
        StructuredValue.object([
            "title": StructuredValue.string(video.title), "url": .string(video.uri), "duration_seconds": StructuredValue.int(video.duration?.value),
            "description": StructuredValue.string(video.description),
        ])
    }

    /// "Videos (2):" and one line each, "  Title (4:05) https://…"; nothing when there are none.
    static func videoLines(_ videos: [Video]?) -> [String] {
        guard let videos, !videos.isEmpty else { return [] }
        return ["Videos (\(videos.count)):"]
            + videos.map { video in
                let length = video.duration?.value.map { " (\(clock($0)))" } ?? ""
                return "  \(video.title ?? "Untitled")\(length) \(video.uri)"
            }
    }

    /// Seconds as "m:ss", or "h:mm:ss" from an hour up.
    static func clock(_ seconds: Int) -> String {
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        let tail = String(format: "%02d", rest)
        return hours > 0 ? "\(hours):" + String(format: "%02d", minutes) + ":\(tail)" : "\(minutes):\(tail)"
    }
}
