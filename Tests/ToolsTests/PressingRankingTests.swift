import Discogs
import Foundation
import Testing

@testable import Tools

/// `PressingRanking.rank` alone: hand-made facts in, order and evidence out.
@Suite("Pressing ranking")
struct PressingRankingTests {
    static let baseline = PressingBaseline(masterYear: 1971, mainReleaseID: 1, originCountry: "UK")

    static func version(
        _ id: Int,
        year: Int?,
        country: String = "UK",
        format: String = "Vinyl",
        _ descriptors: [String] = ["LP", "Album"],
        have: Int = 100,
        want: Int = 50,
        owned: Bool = false
    ) -> PressingFacts {
        PressingFacts(
            releaseID: id,
            title: "Harbour Lights",
            country: country,
            year: year,
            formatName: format,
            descriptors: descriptors,
            have: have,
            want: want,
            owned: owned,
            examined: true
        )
    }

    @Test("collector: the first press of the main release in its country first, then by year, details and reissue marks")
    func collector() {
        let versions = [
            Self.version(4, year: 1990, country: "Japan", ["LP", "Reissue"]),
            Self.version(2, year: 1977, ["LP", "Reissue", "Gatefold"]),
            Self.version(1, year: 1971, ["LP", "Album", "Limited Edition", "Numbered"]),
            Self.version(3, year: 1977, country: "US", ["LP", "Reissue", "Gatefold"], owned: true),
            Self.version(5, year: nil, country: "Japan", ["LP", "Reissue"]),
        ]
        let ranked = PressingRanking.rank(versions, for: .collector, baseline: Self.baseline)
        #expect(ranked.map(\.facts.releaseID) == [1, 2, 3, 4, 5])
        #expect(ranked[0].evidence.contains("first press (1971, the original year)"))
        #expect(ranked[0].evidence.contains("Discogs' main release"))
        #expect(ranked[0].evidence.contains("country of origin (UK)"))
        #expect(ranked[0].evidence.contains("format details: Limited Edition, Numbered"))
        #expect(ranked[1].evidence.contains("marked Reissue"))
        #expect(ranked[1].evidence.contains("1977, 6 years after the original"))
        #expect(ranked[4].evidence.contains("year unknown"))
        #expect(ranked[2].facts.owned)
    }

    @Test("listening: rating weighted by its count, then format and remastering; unexamined versions last in the given order")
    func listening() {
        func rated(
            _ id: Int,
            _ average: Double,
            _ count: Int,
            format: String = "Vinyl",
            remastered: Bool = false,
            examined: Bool = true
        ) -> PressingFacts {
            var facts = Self.version(id, year: 1980, format: format, remastered ? ["LP", "Remastered"] : ["LP"])
            (facts.ratingAverage, facts.ratingCount, facts.examined) = (examined ? average : nil, examined ? count : nil, examined)
            return facts
        }
        let versions = [
            rated(10, 4.9, 3), rated(11, 4.5, 400), rated(12, 4.5, 400, remastered: true), rated(13, 4.5, 400, format: "Cassette"),
            rated(14, 5, 1000, examined: false), rated(15, 4.0, 300), rated(16, 5, 1000, examined: false),
        ]
        let ranked = PressingRanking.rank(versions, for: .listening, baseline: Self.baseline)
        // A 4.9 from three voters is weaker evidence than 4.5 from four hundred.
        #expect(ranked.map(\.facts.releaseID) == [12, 11, 15, 13, 10, 14, 16])
        #expect(ranked[0].evidence == ["rated 4.50 by 400 voters", "Vinyl: full-quality medium", "remastered"])
        #expect(ranked[3].evidence.contains("Cassette: lower fidelity"))
        #expect(ranked[5].evidence == ["not examined in detail"] && ranked[5].score == 0)
    }

    @Test("value: for sale beats not for sale; then cheaper, more copies, more haves per want")
    func value() {
        func offer(_ id: Int, price: Double?, count: Int, have: Int = 1_000, want: Int = 100) -> PressingFacts {
            var facts = Self.version(id, year: 1980, have: have, want: want)
            (facts.lowestPrice, facts.numForSale, facts.currency) = (price, count, price == nil ? nil : "EUR")
            return facts
        }
        let versions = [
            offer(20, price: nil, count: 0), offer(21, price: 30, count: 5), offer(22, price: 12, count: 40),
            offer(23, price: 12, count: 40, have: 500, want: 400), offer(24, price: 12, count: 3),
        ]
        let ranked = PressingRanking.rank(versions, for: .value, baseline: Self.baseline)
        #expect(ranked.map(\.facts.releaseID) == [22, 23, 24, 21, 20])
        #expect(ranked[0].evidence == ["from EUR 12.00", "40 for sale", "1000 have / 100 want (10.0 per want)"])
        #expect(ranked.last?.evidence == ["nothing for sale now"])
    }

    @Test("a version at least as good on every fact never ranks below one it beats, for every purpose")
    func dominance() {
        var better = Self.version(1, year: 1971, ["LP", "Limited Edition", "Remastered"], have: 900, want: 100)
        (better.ratingAverage, better.ratingCount, better.lowestPrice, better.numForSale) = (4.6, 200, 10, 30)
        var worse = Self.version(2, year: 1971, ["LP", "Limited Edition", "Remastered"], have: 900, want: 100)
        (worse.ratingAverage, worse.ratingCount, worse.lowestPrice, worse.numForSale) = (4.6, 200, 10, 30)
        for purpose in PressingPurpose.allCases {
            // Equal facts: the given order stands; then the second is made worse on one fact of the purpose.
            var loser = worse
            switch purpose {
            case .collector: loser.year = 1972
            case .listening: loser.ratingCount = 199
            case .value: loser.lowestPrice = 10.5
            }
            let ranked = PressingRanking.rank([loser, better], for: purpose, baseline: Self.baseline)
            #expect(ranked.map(\.facts.releaseID) == [1, 2], "\(purpose)")
            #expect(ranked[0].score >= ranked[1].score, "\(purpose)")  // shown to one decimal, so a hair apart may tie
        }
    }

    @Test("facts from the versions listing: year from released, descriptors from the format text")
    func factsFromListing() throws {
        let json =
            #"{"id":7,"title":"T","country":"UK","major_formats":["Vinyl"],"format":"LP, Album, Reissue","released":"1977-03-00","stats":{"community":{"in_collection":12,"in_wantlist":3}}}"#
        let version = try DiscogsResponse(status: 200, body: Data(json.utf8)).decode(MasterVersion.self)
        let facts = PressingFacts(version, owned: true)
        #expect(facts.year == 1977 && facts.formatName == "Vinyl" && facts.descriptors == ["LP", "Album", "Reissue"])
        #expect(facts.have == 12 && facts.want == 3 && facts.owned && !facts.examined)
    }
}
