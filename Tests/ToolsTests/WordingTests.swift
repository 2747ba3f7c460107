import Foundation
import Storage
import Testing

@testable import Tools

@Suite("Wording of counts and calendar windows")
struct WordingTests {
    @Test("one is singular, everything else plural, regular and irregular nouns")
    func counts() {
        #expect(Wording.count(1, "item") == "1 item")
        #expect(Wording.count(0, "item") == "0 items")
        #expect(Wording.count(2, "copy", "copies") == "2 copies")
        #expect(Wording.count(1, "Discogs request") == "1 Discogs request")
        #expect(Wording.count(3, "Discogs request") == "3 Discogs requests")
        #expect(Wording.count(2, "entry") == "2 entries")
        #expect(Wording.count(2, "day") == "2 days")
        #expect(Wording.count(2, "match") == "2 matches")
        #expect(Wording.verb(1, "matches", "match") == "matches" && Wording.verb(4, "matches", "match") == "match")
    }

    @Test("the last 12 calendar months end with the current one and show quiet months as 0")
    func calendarMonths() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-02-15T12:00:00Z"))
        let data = [
            IndexStats.Bucket(value: "2024-06", count: 9), IndexStats.Bucket(value: "2025-12", count: 2),
            IndexStats.Bucket(value: "2026-02", count: 1),
        ]
        let months = GetCollectionStatsTool.calendarMonths(data, count: 12, endingAt: now)
        #expect(
            months.map(\.value) == [
                "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02",
            ]
        )
        #expect(months.map(\.count) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1])
    }
}
