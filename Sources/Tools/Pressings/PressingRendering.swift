import Discogs
import Foundation
import MCP

/// A page of a ranking as text and structured content.
struct PressingRendering {
    let result: PressingSurvey.Result
    let purpose: PressingPurpose
    let page: Int
    let perPage: Int
    let freshness: IndexFreshness

    var pagination: Pagination {
        let items = result.ranked.count
        return Pagination(page: page, pages: items == 0 ? 0 : (items + perPage - 1) / perPage, items: items, perPage: perPage)
    }

    func result(requests: (upstream: Int, cached: Int), spent: String) -> ToolResult {
        let start = (page - 1) * perPage
        let shown = start < result.ranked.count ? Array(result.ranked[start..<min(result.ranked.count, start + perPage)]) : []
        let master = result.master
        let artist = StructuredValue.artistLine(master.artists)
        let owned = result.ranked.filter(\.facts.owned).map(\.facts.releaseID)
        var lines: [String] = []
        if let notice = freshness.partialNotice { lines.append(notice + " Copies not yet indexed are not marked as yours.") }
        lines.append(
            "\(artist) – \(master.title) [master \(master.id)]: \(Wording.count(result.ranked.count, "version")) ranked for \(purpose.rawValue)."
        )
        if result.totalVersions > result.ranked.count {
            lines.append(
                "Only the first \(result.ranked.count) of \(result.totalVersions) versions (by release year) were read; narrow with format or country."
            )
        }
        if purpose.needsDetails, result.examined < result.ranked.count {
            lines.append(
                "Examined the \(result.examined) most collected in detail; the others follow unscored. Raise examine (up to \(RankPressingsTool.maxExamined)) to read more."
            )
        }
        lines.append(owned.isEmpty ? "You own none of these versions." : "You own: " + owned.map { "release \($0)" }.joined(separator: ", ") + ".")
        for (offset, pressing) in shown.enumerated() { lines.append(Self.line(pressing, rank: start + offset + 1)) }
        lines.append(StructuredValue.pageLine(pagination, shown: shown.count, noun: "pressing"))
        lines.append(spent)
        let structured: JSONValue = StructuredValue.object([
            "master_id": .int(Int64(master.id)), "title": .string(master.title), "artist": .string(artist), "purpose": .string(purpose.rawValue),
            "total_versions": .int(Int64(result.totalVersions)), "ranked": .int(Int64(result.ranked.count)), "examined": .int(Int64(result.examined)),
            "owned_release_ids": .array(owned.map { .int(Int64($0)) }), "upstream_requests": .int(Int64(requests.upstream)),
            "cached_answers": .int(Int64(requests.cached)), "pagination": StructuredValue.pagination(pagination),
            "pressings": .array(shown.enumerated().map { Self.json($1, rank: start + $0 + 1) }), "index": IndexRendering.json(freshness),
        ])
        let best = result.ranked.first { !$0.facts.owned }.map { pressing in
            NextStep("get_marketplace_stats", [("release_id", String(pressing.facts.releaseID))], "for the best one you lack, for sale now")
        }
        return .text(lines.joined(separator: "\n"), structured: structured).suggesting(best)
    }

    static func line(_ pressing: RankedPressing, rank: Int) -> String {
        let facts = pressing.facts
        let details = [
            facts.year.map(String.init), facts.country, [facts.label, facts.catno].compactMap { $0 }.joined(separator: " "),
            ([facts.formatName].compactMap { $0 } + facts.descriptors).joined(separator: ", "),
        ]
        .compactMap { $0 }.filter { !$0.isEmpty }
        let score = facts.examined ? " — score \(Self.number(pressing.score))" : ""
        return "\(rank). [release \(facts.releaseID)] " + details.joined(separator: " · ") + score + ": " + pressing.evidence.joined(separator: "; ")
            + (facts.owned ? " (you own this)" : "")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func json(_ pressing: RankedPressing, rank: Int) -> JSONValue {
        let facts = pressing.facts
        let format = ([facts.formatName].compactMap { $0 } + facts.descriptors).joined(separator: ", ")
        return StructuredValue.object([
            "rank": .int(Int64(rank)), "release_id": .int(Int64(facts.releaseID)), "title": .string(facts.title),
            "label": StructuredValue.string(facts.label), "catno": StructuredValue.string(facts.catno),
            "country": StructuredValue.string(facts.country),
            "year": StructuredValue.int(facts.year), "format": StructuredValue.string(format), "score": .double(pressing.score),
            "evidence": .array(pressing.evidence.map { .string($0) }), "owned": .bool(facts.owned), "examined": .bool(facts.examined),
            "have": StructuredValue.int(facts.have), "want": StructuredValue.int(facts.want),
            "rating_average": StructuredValue.number(facts.ratingAverage),
            "rating_count": StructuredValue.int(facts.ratingCount),
            "lowest_price": facts.lowestPrice.map {
                StructuredValue.object(["value": .double($0), "currency": StructuredValue.string(facts.currency)])
            },
            "num_for_sale": StructuredValue.int(facts.numForSale),
        ])
    }
}
