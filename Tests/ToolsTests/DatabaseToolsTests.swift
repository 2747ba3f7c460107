import DiscogsSandbox
import MCP
import Testing
import Tools

@Suite("Database tools")
struct DatabaseToolsTests {
    static let small = SampleAccount.Options(collectionSize: 40, wantlistSize: 5)
    static let me = "sandbox_collector"

    @Test("search_database applies Discogs filters and reports the full count")
    func search() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let sample = try #require(data.releases.values.sorted { $0.id < $1.id }.first { !$0.genres.isEmpty })
            let genre = sample.genres[0]
            let expected = data.releases.values.filter { release in
                release.genres.joined(separator: " ").lowercased().contains(genre.lowercased()) && release.year == sample.year
            }.map(\.id).sorted()
            let result = try await harness.call(
                "search_database",
                ["type": "release", "genre": .string(genre), "year": .string(String(sample.year)), "per_page": 100]
            )
            #expect(!result.isError, "\(result.text)")
            #expect(result.structured["pagination"]?["items"]?.int == expected.count)
            let ids = result.structured["results"]?.array.compactMap { $0["id"]?.int } ?? []
            #expect(ids.sorted() == Array(expected.prefix(100)))
            #expect(result.text.contains(expected.count == 1 ? "of 1 result" : "of \(expected.count) results"))

            let empty = try await harness.call("search_database", ["type": "release"])
            #expect(empty.isError && empty.text.contains("query"))
        }
    }

    @Test("search marks what the user owns, and works for anonymous callers through the application credential")
    func searchOwnership() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let owned = try #require(data.instances[Self.me]?.first)
            let release = try #require(data.releases[owned.releaseID])
            let arguments: [String: JSONValue] = ["type": "release", "catno": .string(release.labels[0].catno), "per_page": 100]
            let signedIn = try await harness.call("search_database", arguments)
            let hit = try #require(signedIn.structured["results"]?.array.first { $0["id"]?.int == release.id }, "\(signedIn.text)")
            #expect(hit["in_collection"] == .bool(true))
            #expect(signedIn.text.contains("[in your collection]"))

            let anonymous = try await harness.call("search_database", arguments, caller: .anonymous)
            #expect(!anonymous.isError, "\(anonymous.text)")
            #expect(anonymous.structured["results"]?.array.contains { $0["id"]?.int == release.id } == true)
            #expect(anonymous.structured["results"]?.array.allSatisfy { $0["in_collection"] != .bool(true) } == true, "anonymous callers own nothing")
        }
    }

    @Test("get_release returns tracklist, credits, identifiers, community data and the user's own copies")
    func release() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let copies = data.instances[Self.me] ?? []
            let owned = try #require(copies.first)
            let release = try #require(data.releases[owned.releaseID])
            let result = try await harness.call("get_release", ["release_id": .int(Int64(release.id))])
            #expect(!result.isError, "\(result.text)")
            let s = result.structured
            #expect(s["title"]?.stringValue == release.title)
            #expect(s["tracklist"]?.array.count == release.tracklist.count)
            #expect(s["identifiers"]?.array.count == release.identifiers.count)
            #expect(s["labels"]?.array.first?["catno"]?.stringValue == release.labels.first?.catno)
            #expect(s["community"]?["have"]?.int == release.have)
            let mine = copies.filter { $0.releaseID == release.id }
            #expect(s["your_copies"]?.array.compactMap { $0["instance_id"]?.int }.sorted() == mine.map(\.instanceID).sorted())

            let notOwned = try #require(data.releases.keys.sorted().first { id in !copies.contains { $0.releaseID == id } })
            let other = try await harness.call("get_release", ["release_id": .int(Int64(notOwned))])
            #expect(other.structured["your_copies"]?.array.isEmpty == true)
            #expect(other.text.contains("not have this release"))
        }
    }

    @Test("get_master, get_master_versions and compare_pressings agree with the catalog")
    func masters() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let master = try #require(data.masters.values.sorted { $0.versionIDs.count > $1.versionIDs.count }.first)
            let got = try await harness.call("get_master", ["master_id": .int(Int64(master.id))])
            #expect(got.structured["title"]?.stringValue == master.title)
            #expect(got.structured["main_release"]?.int == master.mainReleaseID)

            let versions = try await harness.call("get_master_versions", ["master_id": .int(Int64(master.id)), "per_page": 100])
            #expect(versions.structured["pagination"]?["items"]?.int == master.versionIDs.count)
            #expect(Set(versions.structured["versions"]?.array.compactMap { $0["id"]?.int } ?? []) == Set(master.versionIDs))

            let compared = try await harness.call("compare_pressings", ["master_id": .int(Int64(master.id)), "count": 2])
            #expect(!compared.isError, "\(compared.text)")
            let rows = compared.structured["versions"]?.array ?? []
            #expect(rows.count == min(2, master.versionIDs.count))
            #expect(compared.structured["total_versions"]?.int == master.versionIDs.count)
            #expect(compared.text.contains("Compared \(rows.count) of \(master.versionIDs.count) versions"))
            for row in rows {
                let id = try #require(row["id"]?.int)
                let release = try #require(data.releases[id])
                let listed = data.listings.values.filter { $0.releaseID == id && $0.status == "For Sale" }.count
                #expect(row["num_for_sale"]?.int == release.numForSale + listed)
            }
        }
    }

    @Test("get_artist, get_artist_releases, get_label and get_label_releases match the catalog")
    func artistsAndLabels() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let release = try #require(data.releases.values.sorted { $0.id < $1.id }.first)
            let artist = try #require(data.artists[release.artists[0].artistID])
            let gotArtist = try await harness.call("get_artist", ["artist_id": .int(Int64(artist.id))])
            #expect(gotArtist.structured["name"]?.stringValue == artist.name)

            let byArtist = data.releases.values.filter { $0.artists.contains { $0.artistID == artist.id } }
            let expected = Set(byArtist.compactMap(\.masterID)).count + byArtist.filter { $0.masterID == nil }.count
            let discography = try await harness.call("get_artist_releases", ["artist_id": .int(Int64(artist.id)), "sort": "year"])
            #expect(discography.structured["pagination"]?["items"]?.int == expected)

            let label = try #require(data.labels[release.labels[0].labelID])
            let gotLabel = try await harness.call("get_label", ["label_id": .int(Int64(label.id))])
            #expect(gotLabel.structured["name"]?.stringValue == label.name)
            let onLabel = data.releases.values.filter { $0.labels.contains { $0.labelID == label.id } }.map(\.id).sorted()
            let catalogue = try await harness.call("get_label_releases", ["label_id": .int(Int64(label.id)), "per_page": 100])
            #expect(catalogue.structured["pagination"]?["items"]?.int == onLabel.count)
            #expect(catalogue.structured["releases"]?.array.compactMap { $0["id"]?.int }.sorted() == Array(onLabel.prefix(100)))
        }
    }

    @Test("get_release_rating gives the community rating and the user's own")
    func rating() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let rated = try #require(data.releaseRatings.first { $0.value[Self.me] != nil })
            let release = try #require(data.releases[rated.key])
            let result = try await harness.call("get_release_rating", ["release_id": .int(Int64(release.id))])
            #expect(result.structured["user_rating"]?.int == rated.value[Self.me])
            #expect(result.structured["community_count"]?.int == release.ratingCount)
        }
    }
}
