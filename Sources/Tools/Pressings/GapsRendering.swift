import Discogs
import Foundation
import MCP

/// A page of collection gaps, plus the upgrade checks, as text and structured content.
struct GapsRendering {
    let subject: GapsSubject
    let works: [CollectionGaps.Work]
    let gaps: [CollectionGaps.Work]
    let ownedCount: Int
    let listing: (read: Int, total: Int)
    let purpose: PressingPurpose
    let checked: [UpgradeCheck]
    let unchecked: [Int]
    let page: Int
    let perPage: Int
    let freshness: IndexFreshness

    func result(requests: (upstream: Int, cached: Int), spent: String) -> ToolResult {
        let pagination = Pagination(page: page, pages: gaps.isEmpty ? 0 : (gaps.count + perPage - 1) / perPage, items: gaps.count, perPage: perPage)
        let start = (page - 1) * perPage
        let shown = start < gaps.count ? Array(gaps[start..<min(gaps.count, start + perPage)]) : []
        var lines: [String] = []
        if let notice = freshness.partialNotice { lines.append(notice + " Copies not yet indexed count as missing.") }
        let noun = subject.kind == .artist ? "main release" : "album"
        lines.append(
            "\(subject.name) [\(subject.kind.rawValue) \(subject.id)]: \(Wording.count(works.count, noun)) on Discogs, you own \(ownedCount), "
                + "\(Wording.count(gaps.count, "gap"))."
        )
        if listing.total > listing.read {
            lines.append(
                "Read the first \(listing.read) of \(listing.total) Discogs entries (\(GapsSubject.maxListingPages) pages); later ones are not counted."
            )
        }
        for work in shown { lines.append("- " + Self.line(work)) }
        lines.append(StructuredValue.pageLine(pagination, shown: shown.count, noun: "gap"))
        for check in checked { lines.append(Self.line(check, purpose: purpose)) }
        if !unchecked.isEmpty {
            let more = unchecked.count > 10 ? " and \(unchecked.count - 10) more" : ""
            lines.append(
                "Not checked for upgrades: masters " + unchecked.prefix(10).map(String.init).joined(separator: ", ") + more
                    + " (raise check_owned, or rank_pressings one)."
            )
        }
        lines.append(spent)
        let structured: JSONValue = StructuredValue.object([
            "subject": .string(subject.kind.rawValue), "id": .int(Int64(subject.id)), "name": .string(subject.name),
            "main_releases": .int(Int64(works.count)), "owned": .int(Int64(ownedCount)), "listing_total": .int(Int64(listing.total)),
            "listing_read": .int(Int64(listing.read)), "pagination": StructuredValue.pagination(pagination), "gaps": .array(shown.map(Self.json)),
            "purpose": .string(purpose.rawValue), "checked": .array(checked.map(Self.json)),
            "unchecked_master_ids": .array(unchecked.map { .int(Int64($0)) }),
            "upstream_requests": .int(Int64(requests.upstream)), "cached_answers": .int(Int64(requests.cached)),
            "index": IndexRendering.json(freshness),
        ])
        let pick = shown.first { $0.kind == .master }.map {
            NextStep("rank_pressings", [("master_id", String($0.id)), ("purpose", purpose.rawValue)], "to choose a pressing of \($0.title)")
        }
        return .text(lines.joined(separator: "\n"), structured: structured).suggesting(pick)
    }

    static func line(_ work: CollectionGaps.Work) -> String {
        let head = "[\(work.kind.rawValue) \(work.id)] " + [work.artist, work.title].compactMap { $0 }.joined(separator: " – ")
        let details = [work.year.map(String.init), work.format, work.releases > 1 ? "\(work.releases) releases on the label" : nil].compactMap { $0 }
        return head + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }

    static func line(_ check: UpgradeCheck, purpose: PressingPurpose) -> String {
        let yours = check.owned.map { "release \($0.facts.releaseID)" }.joined(separator: ", ")
        guard let best = check.best else { return "\(check.title) [master \(check.masterID)]: no versions listed." }
        if check.betterExists {
            return
                "Upgrade for \(purpose.rawValue): \(check.title) [master \(check.masterID)]: you own \(yours) (rank \(check.ownedRank ?? 0) of \(check.versions)); "
                + "release \(best.facts.releaseID) ranks first (\(best.evidence.joined(separator: "; ")))."
        }
        return
            "No better pressing for \(purpose.rawValue): \(check.title) [master \(check.masterID)]: you own \(yours), ranked \(check.ownedRank ?? 0) of \(check.versions)."
    }

    static func json(_ work: CollectionGaps.Work) -> JSONValue {
        StructuredValue.object([
            "kind": .string(work.kind.rawValue), "id": .int(Int64(work.id)), "title": .string(work.title),
            "artist": StructuredValue.string(work.artist),
            "year": StructuredValue.int(work.year), "format": StructuredValue.string(work.format),
            "main_release_id": work.kind == .master ? StructuredValue.int(work.releaseIDs.first) : nil, "releases": .int(Int64(work.releases)),
        ])
    }

    static func json(_ check: UpgradeCheck) -> JSONValue {
        StructuredValue.object([
            "master_id": .int(Int64(check.masterID)), "title": .string(check.title),
            "owned_release_ids": .array(check.owned.map { .int(Int64($0.facts.releaseID)) }),
            "owned_rank": StructuredValue.int(check.ownedRank), "owned_score": StructuredValue.number(check.owned.first?.score),
            "best_release_id": StructuredValue.int(check.best?.facts.releaseID), "best_score": StructuredValue.number(check.best?.score),
            "better_exists": .bool(check.betterExists), "best_evidence": StructuredValue.strings(check.best?.evidence),
            "versions": .int(Int64(check.versions)),
        ])
    }
}
