import Foundation

/// One version with its score for a purpose and the facts that earned it.
public struct RankedPressing: Sendable, Hashable {
    public var facts: PressingFacts
    /// About 0–100 (reissue marks can take a collector score below 0), to one decimal; only comparable within one ranking.
    public var score: Double
    /// Short sentences, one per fact that counted ("first press (1971)", "rated 4.55 by 410").
    public var evidence: [String]
}

/// Ranks a master's versions for a purpose: a pure function of the facts, so it is tested alone.
///
/// Every term is monotone in its fact (better fact, never lower score), so a version that is at least
/// as good on every fact a purpose weighs never ranks below one it beats. For listening and value,
/// versions whose details were not read rank after the examined ones, in the order given (the
/// caller passes them most popular first), since their scores would rest on missing facts.
public enum PressingRanking {
    static let collectible = [
        "Limited Edition", "Numbered", "Test Pressing", "Promo", "Gatefold", "Mono", "Box Set", "Deluxe Edition", "Special Edition",
    ]
    static let reissueMarkers = ["Reissue", "Repress", "Unofficial Release"]

    public static func rank(_ versions: [PressingFacts], for purpose: PressingPurpose, baseline: PressingBaseline) -> [RankedPressing] {
        let cheapest = versions.compactMap { $0.forSale ? $0.lowestPrice : nil }.filter { $0 > 0 }.min()
        let scored = versions.enumerated().map { position, facts in
            let (score, evidence): (Double, [String])
            switch purpose {
            case .collector: (score, evidence) = collector(facts, baseline)
            case .listening: (score, evidence) = facts.examined ? listening(facts) : (0, ["not examined in detail"])
            case .value: (score, evidence) = facts.examined ? value(facts, cheapest: cheapest) : (0, ["not examined in detail"])
            }
            return (position: position, raw: score, pressing: RankedPressing(facts: facts, score: (score * 10).rounded() / 10, evidence: evidence))
        }
        return scored.sorted { lhs, rhs in
            let (a, b) = (lhs.pressing.facts, rhs.pressing.facts)
            if purpose.needsDetails, a.examined != b.examined { return a.examined }
            if lhs.raw != rhs.raw { return lhs.raw > rhs.raw }
            return lhs.position < rhs.position
        }.map(\.pressing)
    }

    /// Original, first press, country of origin, collectible format details.
    static func collector(_ facts: PressingFacts, _ baseline: PressingBaseline) -> (Double, [String]) {
        var score = 0.0
        var evidence: [String] = []
        if let year = facts.year, let original = baseline.masterYear {
            if year <= original {
                score += 40
                evidence.append("first press (\(year), the original year)")
            } else {
                evidence.append("\(year), \(Wording.count(year - original, "year")) after the original")
            }
            score += 15 * 30 / (30 + Double(max(0, year - original)))
        } else {
            evidence.append("year unknown")
        }
        if facts.releaseID == baseline.mainReleaseID {
            score += 15
            evidence.append("Discogs' main release")
        }
        if let origin = baseline.originCountry, !origin.isEmpty, facts.country?.caseInsensitiveCompare(origin) == .orderedSame {
            score += 15
            evidence.append("country of origin (\(origin))")
        }
        let details = collectible.filter(facts.has)
        if !details.isEmpty {
            score += min(15, 5 * Double(details.count))
            evidence.append("format details: " + details.joined(separator: ", "))
        }
        let markers = reissueMarkers.filter(facts.has)
        if !markers.isEmpty {
            score -= 10
            evidence.append("marked " + markers.joined(separator: ", "))
        }
        return (score, evidence)
    }

    /// Community rating weighted by its count, the format, remaster notes.
    static func listening(_ facts: PressingFacts) -> (Double, [String]) {
        var score = 0.0
        var evidence: [String] = []
        if let average = facts.ratingAverage, let count = facts.ratingCount, count > 0 {
            score += 12 * average * Double(count) / Double(count + 10)
            evidence.append("rated \(String(format: "%.2f", average)) by \(Wording.count(count, "voter"))")
        } else {
            evidence.append("no community rating")
        }
        let (tier, reason) = formatTier(facts)
        score += tier
        evidence.append(reason)
        if facts.isRemastered {
            score += 10
            evidence.append("remastered")
        }
        return (score, evidence)
    }

    /// Points for how well a format plays back; physical lossless media alike, cassettes and lossy files lower.
    static func formatTier(_ facts: PressingFacts) -> (Double, String) {
        let name = facts.formatName ?? "unknown format"
        switch name.lowercased() {
        case "vinyl", "cd", "sacd", "reel-to-reel", "blu-ray", "hybrid": return (20, "\(name): full-quality medium")
        case "file" where ["FLAC", "WAV", "ALAC", "AIFF"].contains(where: facts.has): return (15, "lossless file")
        case "file": return (5, "lossy file")
        case "cassette": return (10, "Cassette: lower fidelity")
        default: return (10, name)
        }
    }

    /// Lowest price (against the cheapest version), copies for sale, haves per want.
    static func value(_ facts: PressingFacts, cheapest: Double?) -> (Double, [String]) {
        guard facts.forSale, let price = facts.lowestPrice else { return (0, ["nothing for sale now"]) }
        let count = facts.numForSale ?? 0
        var score = 50 * (cheapest.map { price > 0 ? min(1, $0 / price) : 1 } ?? 1)
        score += 25 * log(1 + Double(count)) / log(51)
        var evidence = ["from \(facts.currency.map { "\($0) " } ?? "")\(String(format: "%.2f", price))", "\(count) for sale"]
        if let have = facts.have, let want = facts.want {
            let ratio = Double(have) / Double(max(want, 1))
            score += 25 * ratio / (ratio + 1)
            evidence.append("\(have) have / \(want) want (\(String(format: "%.1f", ratio)) per want)")
        }
        return (score, evidence)
    }
}

extension PressingFacts {
    var forSale: Bool { (numForSale ?? 0) > 0 && lowestPrice != nil }

    var isRemastered: Bool {
        has("Remastered") || (notes?.range(of: "remaster", options: .caseInsensitive) != nil)
    }
}
