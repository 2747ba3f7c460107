/// The videos Discogs lists for a release, derived from its id and tracklist so every release has
/// stable ones (none for a quarter of them, up to three otherwise), in Discogs' shape.
extension FakeRelease {
    public struct Video: Sendable, Hashable {
        public var uri: String
        public var title: String
        public var description: String
        /// Seconds.
        public var duration: Int
        public var embed: Bool
    }

    public var videos: [Video] {
        let count = min(id % 4, tracklist.count)
        return tracklist.prefix(count).enumerated().map { index, track in
            Video(
                uri: "https://www.youtube.com/watch?v=" + Self.videoID(release: id, index: index),
                title: "\(artistsSort) - \(track.title)",
                description: "\(track.title) from \(title) (\(year)), \(country) pressing.",
                duration: Self.seconds(track.duration) ?? 180 + 17 * index,
                embed: index != 2
            )
        }
    }

    /// An 11-character YouTube-style id, the same for a release and index on every run.
    static func videoID(release: Int, index: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var state = UInt64(release) &* 6_364_136_223_846_793_005 &+ UInt64(index + 1) &* 1_442_695_040_888_963_407
        return String(
            (0..<11).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int(state >> 58)]
            }
        )
    }

    /// "4:05" → 245; nil for anything else.
    static func seconds(_ duration: String) -> Int? {
        let parts = duration.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        return parts[0] * 60 + parts[1]
    }
}
