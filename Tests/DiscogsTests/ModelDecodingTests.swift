import Foundation
import Testing

@testable import Discogs

/// Lenient decoding of the shapes live Discogs answers take beside the documentation's 2014 examples, through the typed endpoints and the fake.
@Suite struct ModelDecodingTests {
    static func fake(_ routes: [String: String]) -> FakeDiscogsAPI {
        FakeDiscogsAPI { request, _ in
            guard let body = routes[request.path] else { return FakeDiscogsAPI.json(#"{"message":"Release not found."}"#, status: 404) }
            return FakeDiscogsAPI.json(body)
        }
    }

    @Test func lenientShapes() async throws {
        let api = Self.fake([
            "/releases/1":
                #"{"id":1,"title":"Purple","year":1997,"lowest_price":12.74,"tracklist":[{"position":"A","type_":"track","title":"x","sub_tracks":[]}],"unknown_new_field":{"a":1}}"#,
            "/releases/2": #"{"id":2,"title":"No price","year":0,"lowest_price":null}"#,
            "/marketplace/stats/1": #"{"lowest_price":{"currency":"USD","value":2.09},"num_for_sale":26,"blocked_from_sale":false}"#,
            "/marketplace/stats/2": #"{"lowest_price":null,"num_for_sale":null,"blocked_from_sale":true}"#,
            "/database/search":
                #"{"pagination":{"page":1,"pages":1,"per_page":50,"items":2,"urls":{}},"results":[{"id":1,"type":"release","title":"A","year":"2018"},{"id":2,"type":"artist","title":"B","master_id":null}]}"#,
            "/marketplace/orders/1-1": #"{"id":"1-1","status":"New Order","total":{"currency":"USD","value":"9.50"}}"#,
            "/marketplace/orders/7": #"{"id":7,"status":"Shipped"}"#,
            "/users/alice/collection/folders/0/releases":
                #"{"pagination":{"page":2,"pages":30,"items":2255,"per_page":75,"urls":{}},"releases":[{"id":54524,"instance_id":519662456,"folder_id":1,"rating":0,"basic_information":{"id":54524,"title":"Purple","year":1997,"formats":[{"name":"Vinyl","qty":"1"}]},"notes":[{"field_id":1,"value":"VG+"}]}]}"#,
            "/users/alice/collection/value": #"{"maximum":"A$1,597.46","median":"£2.50","minimum":"$0.50"}"#,
            "/marketplace/price_suggestions/1": #"{"Mint (M)":{"currency":"USD","value":14.31}}"#,
        ])
        let credential = DiscogsCredential.personalToken("t")
        let release = try await api.release(id: 1, as: credential)
        #expect(release.year?.value == 1997)
        #expect(release.lowestPrice == Price(value: 12.74, currency: nil))
        #expect(release.tracklist?.first?.type == "track")
        #expect(try await api.release(id: 2, as: credential).lowestPrice == nil)
        #expect(try await api.marketplaceStats(releaseID: 1, as: credential).lowestPrice == Price(value: 2.09, currency: "USD"))
        #expect(try await api.marketplaceStats(releaseID: 2, as: credential).numForSale == nil)
        let search = try await api.search(query: "a", as: credential)
        #expect(search.items.map { $0.year?.value } == [2018, nil])
        #expect(search.pagination.items == 2)
        #expect(try await api.order(id: "1-1", as: credential).total?.value == 9.5)
        #expect(try await api.order(id: "7", as: credential).id.value == "7")
        let page = try await api.collectionReleases(username: "alice", page: 2, as: credential)
        #expect(page.pagination == Pagination(page: 2, pages: 30, items: 2255, perPage: 75))
        #expect(page.pagination.hasNextPage)
        #expect(page.items.first?.instanceId == 519_662_456)
        #expect(try await api.collectionValue(username: "alice", as: credential).maximum == "A$1,597.46")
        #expect(try await api.priceSuggestions(releaseID: 1, as: credential)["Mint (M)"]?.value == 14.31)
        await #expect(throws: DiscogsError.notFound(message: "Release not found.")) { _ = try await api.release(id: 3, as: credential) }
    }

    /// Write calls send JSON bodies to the documented paths and name what they make stale.
    @Test func writesDescribeThemselves() async throws {
        let api = FakeDiscogsAPI { request, _ in
            switch request.method {
            case .post where request.path.hasSuffix("/releases/42"): FakeDiscogsAPI.json(#"{"instance_id":3,"resource_url":"x"}"#, status: 201)
            case .put: FakeDiscogsAPI.json(#"{"id":42,"rating":0}"#, status: 201)
            default: DiscogsResponse(status: 204)
            }
        }
        let credential = DiscogsCredential.oauth(token: "t", secret: "s")
        #expect(try await api.addToCollection(username: "a b", releaseID: 42, as: credential).instanceId == 3)
        try await api.editInstance(username: "a b", folderID: 1, releaseID: 42, instanceID: 3, rating: 9, moveTo: 5, as: credential)
        try await api.addToWantlist(username: "a b", releaseID: 42, as: credential)
        let requests = await api.requests.map(\.request)
        #expect(requests[0].path == "/users/a%20b/collection/folders/1/releases/42")
        #expect(requests[0].invalidates == ["/users/a%20b/collection"])
        guard case .json(let data) = requests[1].body else {
            Issue.record("expected a JSON body")
            return
        }
        let body = try JSONDecoder().decode([String: Int].self, from: data)
        #expect(body == ["rating": 5, "folder_id": 5])
        #expect(requests[2].method == .put && requests[2].invalidates == ["/users/a%20b/wants"])
    }
}
