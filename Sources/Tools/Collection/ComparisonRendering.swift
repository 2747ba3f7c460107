import Discogs
import Foundation
import MCP

/// `compare_collections`' answer: counts first, then shared artists and styles, then the releases of each part.
struct ComparisonRendering {
    let username: String
    let comparison: CollectionComparison
    let myCopies: Int
    /// The other collection's size as Discogs reports it, and how many of its items were read.
    let theirs: (total: Int, read: Int)
    let freshness: IndexFreshness
    let limit: Int
    let top: Int

    var partial: Bool { theirs.read < theirs.total }

    var notice: String? {
        guard partial else { return nil }
        return "PARTIAL: read the newest \(theirs.read.formatted()) of \(theirs.total.formatted()) items of \(username)'s collection; only those are "
            + "compared, so the overlap and what they have that you lack may be larger. Ask again with a higher max_pages (pages already read come from cache)."
    }

    func result(requests: (upstream: Int, cached: Int), spent: String) -> ToolResult {
        let theirReleases = comparison.overlap.count + comparison.onlyTheirs.count
        let structured = StructuredValue.object([
            "username": .string(username), "partial": .bool(partial), "notice": StructuredValue.string(notice),
            "mine": ["copies": .int(Int64(myCopies)), "releases": .int(Int64(comparison.overlap.count + comparison.onlyMine.count))],
            "theirs": ["items": .int(Int64(theirs.total)), "read": .int(Int64(theirs.read)), "releases": .int(Int64(theirReleases))],
            "overlap": part(comparison.overlap), "only_mine": part(comparison.onlyMine), "only_theirs": part(comparison.onlyTheirs),
            "same_album_other_pressing": .array(comparison.sameAlbumOtherPressing.map { .int(Int64($0)) }),
            "shared_artists": shared(comparison.sharedArtists), "shared_styles": shared(comparison.sharedStyles),
            "upstream_requests": .int(Int64(requests.upstream)), "cached_answers": .int(Int64(requests.cached)),
            "index": IndexRendering.json(freshness),
        ])
        var lines = [
            "Your collection (\(Wording.count(comparison.overlap.count + comparison.onlyMine.count, "release"))) against \(username)'s "
                + "(\(Wording.count(theirReleases, "release"))\(partial ? " read so far" : "")): "
                + "both have \(comparison.overlap.count); only you \(comparison.onlyMine.count); only \(username) \(comparison.onlyTheirs.count)."
        ]
        if !comparison.sameAlbumOtherPressing.isEmpty {
            lines.append("Same album, different pressings: \(Wording.count(comparison.sameAlbumOtherPressing.count, "master")) more.")
        }
        lines.append(sharedLine("Shared artists", comparison.sharedArtists))
        lines.append(sharedLine("Shared styles", comparison.sharedStyles))
        lines +=
            section("Both have", comparison.overlap) + section("Only \(username) has", comparison.onlyTheirs)
            + section("Only you have", comparison.onlyMine)
        if let notice { lines.append(notice) }
        if let indexNotice = freshness.partialNotice { lines.append(indexNotice) }
        lines.append(spent)
        let theirs = comparison.onlyTheirs.first.map { NextStep("get_release", [("release_id", String($0.releaseID))], "for one of theirs you lack") }
        let more =
            partial
            ? NextStep("compare_collections", [("username", username), ("max_pages", String(CompareCollectionsTool.maxPages))], "to read more") : nil
        return .text(lines.joined(separator: "\n"), structured: structured).suggesting(theirs, more)
    }

    func part(_ entries: [CollectionComparison.Entry]) -> JSONValue {
        .object([
            "count": .int(Int64(entries.count)),
            "items": .array(
                entries.prefix(limit).map { entry in
                    StructuredValue.object([
                        "release_id": .int(Int64(entry.releaseID)), "master_id": StructuredValue.int(entry.masterID), "artist": .string(entry.artist),
                        "title": .string(entry.title), "year": StructuredValue.int(entry.year),
                    ])
                }
            ),
        ])
    }

    func shared(_ names: [CollectionComparison.Shared]) -> JSONValue {
        .array(names.prefix(top).map { ["name": .string($0.name), "mine": .int(Int64($0.mine)), "theirs": .int(Int64($0.theirs))] })
    }

    func sharedLine(_ heading: String, _ names: [CollectionComparison.Shared]) -> String {
        guard !names.isEmpty else { return "\(heading): none." }
        let more = names.count > top ? " (top \(top) of \(names.count))" : ""
        return "\(heading)\(more): " + names.prefix(top).map { "\($0.name) (you \($0.mine), them \($0.theirs))" }.joined(separator: ", ")
    }

    func section(_ heading: String, _ entries: [CollectionComparison.Entry]) -> [String] {
        guard !entries.isEmpty, limit > 0 else { return [] }
        let shown = entries.prefix(limit)
        let more = entries.count > shown.count ? " (first \(shown.count) of \(entries.count); raise limit for more)" : ""
        return ["\(heading)\(more):"] + shown.map { "  \($0.artist) – \($0.title)\($0.year.map { " (\($0))" } ?? "") [release \($0.releaseID)]" }
    }
}
