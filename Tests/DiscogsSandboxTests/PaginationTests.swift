import DiscogsSandbox
import Foundation
import Testing

/// Pagination defaults, clamping, 404 past the end, `urls` and `Link` (Discogs API documentation, "Pagination").
@Suite struct PaginationTests {
    func page(_ reply: FakeHarness.Reply) throws -> (page: Int, pages: Int, perPage: Int, items: Int, urls: [String: String], count: Int) {
        let pagination = try #require(reply.json["pagination"] as? [String: Any])
        return (
            try #require(pagination["page"] as? Int), try #require(pagination["pages"] as? Int), try #require(pagination["per_page"] as? Int),
            try #require(pagination["items"] as? Int), try #require(pagination["urls"] as? [String: String]),
            (reply.json["releases"] as? [Any])?.count ?? -1
        )
    }

    @Test func defaultsClampingAndEdges() async throws {
        try await FakeHarness.with(SampleAccount.Options(collectionSize: 230, wantlistSize: 3)) { fake in
            let path = "/users/\(fake.user)/collection/folders/0/releases"
            let first = try page(try await fake.get(path))
            #expect((first.page, first.pages, first.perPage, first.items, first.count) == (1, 5, 50, 230, 50))
            #expect(Set(first.urls.keys) == ["next", "last"])
            let middle = try page(try await fake.get(path + "?page=3"))
            #expect(Set(middle.urls.keys) == ["first", "prev", "next", "last"])
            #expect(middle.urls["next"]?.contains("page=4") == true)
            let last = try await fake.get(path + "?page=3&per_page=100")
            let lastPage = try page(last)
            #expect((lastPage.page, lastPage.pages, lastPage.count) == (3, 3, 30))
            #expect(Set(lastPage.urls.keys) == ["first", "prev"])
            #expect(last.header("Link")?.contains("rel=\"prev\"") == true)
            let clampedLow = try page(try await fake.get(path + "?page=-1&per_page=-1"))
            #expect((clampedLow.page, clampedLow.perPage, clampedLow.count, clampedLow.pages) == (1, 1, 1, 230))
            let clampedHigh = try page(try await fake.get(path + "?per_page=500"))
            #expect((clampedHigh.perPage, clampedHigh.count) == (100, 100))
            #expect(try await fake.get(path + "?page=4&per_page=100").status == 404)
            #expect(try await fake.get(path + "?page=99999").status == 404)
            let single = try await fake.get("/users/\(fake.user)/wants")
            #expect((single.json["pagination"] as? [String: Any])?["urls"] as? [String: String] == [:])
            #expect(single.header("Link") == nil)
        }
    }

    @Test func foreignInventoryIsCappedAtPage100() async throws {
        try await FakeHarness.with { fake in
            await fake.state.setBehaviour { $0.foreignInventoryPageCap = 2 }
            let foreign = try await fake.get("/users/\(fake.user)/inventory?per_page=1&page=3", token: SampleAccount.otherPersonalToken)
            #expect(foreign.status == 403)
            #expect((foreign.json["message"] as? String)?.hasPrefix("Pagination above 2 disabled") == true)
            #expect(try await fake.get("/users/\(fake.user)/inventory?per_page=1&page=3").status == 200)
            let bad = try await fake.get("/users/\(fake.user)/inventory?status=Gone")
            #expect(bad.status == 422)
        }
    }

    @Test func sortingIsStableAndReversible() async throws {
        try await FakeHarness.with { fake in
            let path = "/users/\(fake.user)/collection/folders/0/releases?per_page=100&sort=added"
            let ascending = try await fake.get(path + "&sort_order=asc").json["releases"] as? [[String: Any]] ?? []
            let descending = try await fake.get(path + "&sort_order=desc").json["releases"] as? [[String: Any]] ?? []
            let dates = ascending.compactMap { $0["date_added"] as? String }
            #expect(dates == dates.sorted())
            #expect(ascending.first?["instance_id"] as? Int != descending.first?["instance_id"] as? Int)
        }
    }
}
