import Discogs
import Foundation
import MCP

/// `get_recent_activity`'s answer: one line per change, newest first, with counts per kind.
struct ActivityRendering {
    let page: IndexActivityPage
    let range: (since: Double, until: Double?)
    let pagination: Pagination
    let folders: [Int: String]
    let freshness: IndexFreshness

    /// Kinds in the order a summary names them.
    static let order: [IndexActivityEvent.Kind] = [.added, .moved, .rated, .removed, .wanted, .unwanted]

    func result() -> ToolResult {
        let structured = StructuredValue.object([
            "since": StructuredValue.string(IndexRendering.iso(range.since)), "until": StructuredValue.string(IndexRendering.iso(range.until)),
            "total": .int(Int64(page.total)),
            "counts": .object(Dictionary(uniqueKeysWithValues: page.counts.map { ($0.key.rawValue, JSONValue.int(Int64($0.value))) })),
            "pagination": StructuredValue.pagination(pagination), "events": .array(page.events.map(json)),
            "kept_since": StructuredValue.string(IndexRendering.iso(page.oldestKept)), "index": IndexRendering.json(freshness),
        ])
        var lines = [headline()]
        lines += page.events.map(line)
        if !page.events.isEmpty || pagination.page > 1 {
            lines.append(StructuredValue.pageLine(pagination, shown: page.events.count, noun: "change"))
        }
        if let notice = freshness.partialNotice { lines.append(notice) }
        lines.append(
            "The index records changes once each list has been read in full: this server's writes at once, changes made elsewhere when a refresh "
                + "finds them (refresh_collection), kept \(CollectionIndex.activityRetentionDays) days."
        )
        let details = page.events.first { $0.kind != .removed && $0.kind != .unwanted }.map {
            NextStep("get_release", [("release_id", String($0.releaseID))], "for details")
        }
        return .text(lines.joined(separator: "\n"), structured: structured).suggesting(details)
    }

    func headline() -> String {
        let span = "from \(day(range.since)) to \(range.until.map(day) ?? "now")"
        let counts = Self.order.compactMap { kind in page.counts[kind].map { "\($0) \(kind.rawValue)" } }
        guard !counts.isEmpty else { return "No changes to your collection or wantlist \(span)." }
        return "Activity in your collection and wantlist \(span): " + counts.joined(separator: ", ") + "."
    }

    func day(_ seconds: Double) -> String {
        String((IndexRendering.iso(seconds) ?? "").prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }

    func folderName(_ id: Int?) -> String? {
        id.map { folders[$0].map { "\"\($0)\"" } ?? "folder \($0)" }
    }

    /// "2026-12-06 00:41 UTC · moved · Artist – Title [release 123, instance 456] from "A" to "B" · through this server".
    func line(_ event: IndexActivityEvent) -> String {
        let subject =
            "\(event.artist) – \(event.title) [release \(event.releaseID)\(event.list == .collection ? ", instance \(event.instanceID)" : "")]"
        var detail = ""
        switch event.kind {
        case .added: detail = folderName(event.folderTo).map { " to \($0)" } ?? ""
        case .removed: detail = folderName(event.folderFrom).map { " from \($0)" } ?? ""
        case .moved: detail = " from \(folderName(event.folderFrom) ?? "?") to \(folderName(event.folderTo) ?? "?")"
        case .rated: detail = " \(event.ratingFrom ?? 0) → \(event.ratingTo ?? 0) stars"
        case .wanted, .unwanted: detail = ""
        }
        let source = event.source == .server ? "through this server" : "found on Discogs"
        return "\(day(event.at)) · \(event.kind.rawValue) · \(subject)\(detail) · \(source)"
    }

    func json(_ event: IndexActivityEvent) -> JSONValue {
        StructuredValue.object([
            "kind": .string(event.kind.rawValue), "at": StructuredValue.string(IndexRendering.iso(event.at)), "list": .string(event.list.rawValue),
            "release_id": .int(Int64(event.releaseID)), "instance_id": .int(Int64(event.instanceID)), "artist": .string(event.artist),
            "title": .string(event.title), "source": .string(event.source.rawValue),
            "folder_from": StructuredValue.string(folderName(event.folderFrom)), "folder_to": StructuredValue.string(folderName(event.folderTo)),
            "rating_from": StructuredValue.int(event.ratingFrom), "rating_to": StructuredValue.int(event.ratingTo),
            "date_added": StructuredValue.string(IndexRendering.iso(event.dateAdded)),
        ])
    }
}
