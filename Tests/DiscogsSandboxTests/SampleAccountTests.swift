import DiscogsSandbox
import Foundation
import Testing

/// The generated sample account: determinism, believable shapes, and a full sync of 10,000 items.
/// (How fast it generates is measured by `bench/CollectionSearch`, not asserted here.)
@Suite struct SampleAccountTests {
    @Test func tenThousandItemsGenerateDeterministically() {
        let account = SampleAccount.generate(.init(collectionSize: 10_000))
        let copies = account.data.instances[account.username] ?? []
        #expect(copies.count == 10_000)
        #expect(Set(copies.map(\.instanceID)).count == 10_000)
        let folders = account.data.allFolders(of: account.username)
        #expect(folders.first?.count == 10_000)
        #expect(folders.dropFirst().reduce(0) { $0 + $1.count } == 10_000)
        #expect(Set(copies.compactMap { account.data.releases[$0.releaseID]?.genres.first }).count >= 8)
        #expect(copies.contains { $0.rating > 0 } && copies.contains { $0.fieldValues[3] != nil })
        let again = SampleAccount.generate(.init(collectionSize: 10_000))
        #expect(again.data.instances[account.username] == copies)
        let different = SampleAccount.generate(.init(seed: 7, collectionSize: 100))
        #expect(different.data.instances[different.username]?.map(\.releaseID) != Array(copies.prefix(100)).map(\.releaseID))
    }

    @Test func sampleHasWantlistListsInventoryAndOrder() async throws {
        try await FakeHarness.with(.init()) { fake in
            let u = fake.user
            let profile = try await fake.get("/users/\(u)")
            #expect(profile.json["num_collection"] as? Int == 300)
            #expect(profile.json["num_wantlist"] as? Int == 40)
            #expect(profile.json["email"] != nil)
            #expect(try await fake.get("/users/\(u)", token: nil).json["email"] == nil)
            let lists = try await fake.get("/users/\(u)/lists")
            #expect((lists.json["lists"] as? [Any])?.count == 2)
            #expect((try await fake.get("/users/\(u)/lists", token: nil).json["lists"] as? [Any])?.count == 1)
            #expect(try await fake.get("/lists/900002", token: nil).status == 404)
            let list = try await fake.get("/lists/900001")
            #expect(
                Set((list.json["items"] as? [[String: Any]])?.compactMap { $0["type"] as? String } ?? []) == ["release", "master", "artist", "label"]
            )
            let inventory = try await fake.get("/users/\(u)/inventory", token: nil)
            #expect((inventory.json["pagination"] as? [String: Any])?["items"] as? Int == 15)
            #expect((try await fake.get("/users/\(u)/inventory").json["pagination"] as? [String: Any])?["items"] as? Int == 18)

            let releaseID = try #require(await fake.state.data.instances[u]?.first?.releaseID)
            let release = try await fake.get("/releases/\(releaseID)").json
            for key in ["tracklist", "extraartists", "identifiers", "community", "formats", "labels", "images", "artists_sort"] {
                #expect(release[key] != nil, "release lacks \(key)")
            }
            let item = try #require(
                (try await fake.get("/users/\(u)/collection/folders/0/releases?per_page=1").json["releases"] as? [[String: Any]])?.first
            )
            let basic = try #require(item["basic_information"] as? [String: Any])
            #expect(
                Set(basic.keys).isSuperset(of: ["id", "title", "year", "formats", "labels", "artists", "genres", "styles", "thumb", "cover_image"])
            )
            let masterID = try #require(release["master_id"] as? Int)
            #expect((try await fake.get("/masters/\(masterID)/versions").json["versions"] as? [Any])?.isEmpty == false)
            let search = try await fake.get("/database/search?type=release&genre=Jazz&per_page=5")
            let first = try #require((search.json["results"] as? [[String: Any]])?.first)
            #expect(first["year"] is String)
            #expect((first["genre"] as? [String])?.contains("Jazz") == true)
        }
    }

    @Test func syncOfTenThousandItemsTakesExactlyOneHundredRequests() async throws {
        var behaviour = FakeBehaviour()
        behaviour.enforceRateLimit = false
        try await FakeHarness.with(.init(collectionSize: 10_000, wantlistSize: 10), behaviour: behaviour) { fake in
            var seen = Set<Int>()
            var page = 1
            var pages = 1
            repeat {
                let reply = try await fake.get(
                    "/users/\(fake.user)/collection/folders/0/releases?per_page=100&sort=added&sort_order=desc&page=\(page)"
                )
                #expect(reply.status == 200)
                pages = (reply.json["pagination"] as? [String: Any])?["pages"] as? Int ?? 0
                for item in reply.json["releases"] as? [[String: Any]] ?? [] { seen.insert(item["instance_id"] as? Int ?? 0) }
                page += 1
            } while page <= pages
            #expect(seen.count == 10_000)
            #expect(await fake.state.requestCount(route: "GET /users/{username}/collection/folders/{id}/releases") == 100)
        }
    }
}
