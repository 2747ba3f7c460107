import Discogs
import DiscogsSandbox
import Foundation
import MCP
import Storage
import TestSupport
import Testing
import Tools

@Suite("Collection tools")
struct CollectionToolsTests {
    static let username = SandboxHarness.account.username

    /// The sandbox harness plus an index and the five tools.
    static func with(
        collection: Int = 150,
        wantlist: Int = 15,
        configuration: CollectionIndexConfiguration = CollectionIndexConfiguration(),
        _ body: (SandboxHarness, CollectionIndex, [String: any Tool]) async throws -> Void
    ) async throws {
        try await SandboxHarness.with(SampleAccount.Options(collectionSize: collection, wantlistSize: wantlist)) { harness in
            let index = CollectionIndex(
                api: harness.client,
                store: SQLiteCollectionIndexStore(database: harness.database),
                configuration: configuration
            )
            var environment = harness.environment
            environment.changes = CollectionIndexChangeListener(index: index)
            let tools = Dictionary(uniqueKeysWithValues: CollectionTools.all(environment: environment, index: index).map { ($0.definition.name, $0) })
            try await body(harness, index, tools)
        }
    }

    static func call(_ tools: [String: any Tool], _ name: String, _ arguments: [String: JSONValue] = [:]) async throws -> ToolResult {
        let tool = try #require(tools[name])
        return try await tool.call(arguments, context: SandboxHarness.context())
    }

    static func text(_ result: ToolResult) -> String {
        result.content.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined(separator: "\n")
    }

    static func items(_ result: ToolResult) -> [[String: JSONValue]] {
        result.structuredContent?["items"]?.arrayValue?.compactMap(\.objectValue) ?? []
    }

    static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

    @Test("every tool has a schema without extra properties, an output schema and the read scope")
    func definitions() async throws {
        try await Self.with(collection: 5, wantlist: 1) { _, _, tools in
            #expect(
                Set(tools.keys) == [
                    "search_collection", "get_collection_stats", "get_wantlist", "refresh_collection", "get_recommendations", "rank_pressings",
                    "find_collection_gaps", "get_recent_activity", "compare_collections",
                ]
            )
            for tool in tools.values {
                #expect(tool.definition.inputSchema["additionalProperties"] == .bool(false))
                #expect(tool.definition.outputSchema != nil && tool.definition.requiredScope == "read" && !tool.definition.title.isEmpty)
            }
        }
    }

    @Test("genre, year, format and rating filters match the fake's ground truth, with totals and pages")
    func filtersMatchGroundTruth() async throws {
        try await Self.with { harness, _, tools in
            let data = await harness.state.data
            let copies = data.copies(of: Self.username, inFolder: 0)
            let genre = try #require(data.releases[copies[0].releaseID]?.genres.first)
            let expected = copies.filter { data.releases[$0.releaseID]?.genres.contains(genre) == true }
            let result = try await Self.call(tools, "search_collection", ["genre": .string(genre.lowercased()), "per_page": 10])
            #expect(result.structuredContent?["total"]?.intValue == Int64(expected.count))
            #expect(result.structuredContent?["pages"]?.intValue == Int64((expected.count + 9) / 10))
            #expect(Self.items(result).allSatisfy { Self.strings($0["genres"]).contains(genre) })
            #expect(Self.text(result).contains("page 1 of"))

            let combined = copies.filter { copy in
                guard let release = data.releases[copy.releaseID] else { return false }
                let formats = release.formats.flatMap { [$0.name] + $0.descriptions }.map { $0.lowercased() }
                return (1970...1999).contains(release.year) && formats.contains("vinyl") && copy.rating >= 3
            }
            let filtered = try await Self.call(
                tools,
                "search_collection",
                ["year_from": 1970, "year_to": 1999, "format": "Vinyl", "min_rating": 3, "per_page": 100]
            )
            #expect(filtered.structuredContent?["total"]?.intValue == Int64(combined.count))
            #expect(Set(Self.items(filtered).compactMap { $0["instance_id"]?.intValue }) == Set(combined.map { Int64($0.instanceID) }))

            let all = try await Self.call(tools, "search_collection", ["per_page": 100, "page": 2])
            #expect(all.structuredContent?["total"]?.intValue == Int64(copies.count))
            #expect(Self.items(all).count == copies.count - 100 && all.structuredContent?["has_more"] == .bool(false))
        }
    }

    @Test("text and artist search find the right copies; sort by year is ordered")
    func textSearch() async throws {
        try await Self.with { harness, _, tools in
            let data = await harness.state.data
            let copy = try #require(data.copies(of: Self.username, inFolder: 0).dropFirst(7).first)
            let release = try #require(data.releases[copy.releaseID])
            let byTitle = try await Self.call(tools, "search_collection", ["query": .string(release.title), "per_page": 100])
            #expect(Self.items(byTitle).contains { $0["instance_id"]?.intValue == Int64(copy.instanceID) })
            let artist = try #require(release.artists.first?.name)
            let byArtist = try await Self.call(tools, "search_collection", ["artist": .string(artist), "per_page": 100])
            let expected = data.copies(of: Self.username, inFolder: 0).filter {
                data.releases[$0.releaseID]?.artists.contains { $0.name == artist } == true
            }
            #expect((byArtist.structuredContent?["total"]?.intValue ?? 0) >= Int64(expected.count))
            #expect(Set(expected.map { Int64($0.instanceID) }).isSubset(of: Set(Self.items(byArtist).compactMap { $0["instance_id"]?.intValue })))
            let sorted = try await Self.call(tools, "search_collection", ["sort": "year", "order": "asc", "per_page": 100])
            let years = Self.items(sorted).compactMap { $0["year"]?.intValue }
            #expect(years == years.sorted() && !years.isEmpty)
        }
    }

    @Test("stats and the wantlist agree with the fake")
    func statsAndWantlist() async throws {
        try await Self.with { harness, _, tools in
            let data = await harness.state.data
            let copies = data.copies(of: Self.username, inFolder: 0)
            let stats = try await Self.call(tools, "get_collection_stats", ["top": 50])
            #expect(stats.structuredContent?["total"]?.intValue == Int64(copies.count))
            var genreCounts: [String: Int] = [:]
            for copy in copies { for genre in Set(data.releases[copy.releaseID]?.genres ?? []) { genreCounts[genre, default: 0] += 1 } }
            let reported =
                stats.structuredContent?["genres"]?.arrayValue?.compactMap { bucket -> (String, Int)? in
                    guard let value = bucket["value"]?.stringValue, let count = bucket["count"]?.intValue else { return nil }
                    return (value, Int(count))
                } ?? []
            #expect(Dictionary(uniqueKeysWithValues: reported) == genreCounts)
            let wants = data.wants[Self.username.lowercased()] ?? []
            let wantlist = try await Self.call(tools, "get_wantlist", ["per_page": 100])
            #expect(wantlist.structuredContent?["total"]?.intValue == Int64(wants.count))
            #expect(Set(Self.items(wantlist).compactMap { $0["release_id"]?.intValue }) == Set(wants.map { Int64($0.releaseID) }))
        }
    }

    @Test("a mood never overrides an explicit genre; mood alone picks mood styles; similar_to explains itself")
    func recommendations() async throws {
        try await Self.with(collection: 300) { harness, _, tools in
            let data = await harness.state.data
            let copies = data.copies(of: Self.username, inFolder: 0)
            let jazz = copies.filter { data.releases[$0.releaseID]?.genres.contains("Jazz") == true }
            let result = try await Self.call(tools, "get_recommendations", ["genre": "Jazz", "mood": "party", "limit": 50])
            let picks = result.structuredContent?["picks"]?.arrayValue ?? []
            #expect(!picks.isEmpty && result.structuredContent?["matched"]?.intValue == Int64(jazz.count))
            #expect(picks.allSatisfy { Self.strings($0["item"]?["genres"]).contains("Jazz") })
            #expect(Self.text(result).contains("does not replace it"))

            let chill = try await Self.call(tools, "get_recommendations", ["mood": "relaxed", "limit": 20])
            let chillPicks = chill.structuredContent?["picks"]?.arrayValue ?? []
            #expect(!chillPicks.isEmpty)
            #expect(
                chillPicks.allSatisfy { pick in
                    Self.strings(pick["item"]?["styles"]).contains {
                        ["Ambient", "Downtempo", "Trip Hop", "Cool Jazz", "Bossa Nova", "Dub", "Dream Pop", "Neo Soul", "Modal"].contains($0)
                    }
                }
            )

            let seed = try #require(copies.first)
            let similar = try await Self.call(tools, "get_recommendations", ["similar_to_release_id": .int(Int64(seed.releaseID)), "limit": 10])
            let similarPicks = similar.structuredContent?["picks"]?.arrayValue ?? []
            #expect(!similarPicks.isEmpty)
            #expect(
                similarPicks.allSatisfy { $0["item"]?["release_id"]?.intValue != Int64(seed.releaseID) && !($0["reason"]?.stringValue ?? "").isEmpty }
            )
        }
    }

    @Test("refresh reports an outside addition; our own writes show up with zero upstream calls")
    func refreshAndOwnWrites() async throws {
        try await Self.with(collection: 60, wantlist: 5) { harness, _, tools in
            _ = try await Self.call(tools, "search_collection")
            let data = await harness.state.data
            let owned = Set(data.copies(of: Self.username, inFolder: 0).map(\.releaseID))
            let releaseIDs = data.releases.keys.sorted().filter { !owned.contains($0) }
            let account = SandboxHarness.account
            _ = try await harness.client.addToCollection(username: account.username, releaseID: releaseIDs[0], as: account.credential)
            let refreshed = try await Self.call(tools, "refresh_collection")
            let results = refreshed.structuredContent?["results"]?.arrayValue ?? []
            #expect(results.first?["added"]?.intValue == 1 && results.first?["kind"]?.stringValue == "incremental")
            #expect(Self.text(refreshed).contains("1 added"))

            await harness.state.resetCounters()
            // A write tool would call environment.changes; a second index over the same store stands in for it.
            let index = CollectionIndex(api: harness.client, store: SQLiteCollectionIndexStore(database: harness.database))
            await CollectionIndexChangeListener(index: index).accountChanged(
                .collectionAdded(username: account.username, releaseID: releaseIDs[1], instanceID: 77, folderID: 1)
            )
            let found = try await Self.call(tools, "search_collection", ["per_page": 1, "sort": "added"])
            #expect(Self.items(found).first?["instance_id"]?.intValue == 77)
            #expect(await harness.state.totalRequests == 0)
        }
    }

    @Test("a first search that outlasts the wait bound says PARTIAL in text and structure", .timeLimit(.minutes(1)))
    func partialIsLabelled() async throws {
        let clock = ManualClock()
        let configuration = CollectionIndexConfiguration(waitBound: .seconds(20), clock: ServerClock(clock))
        try await Self.with(collection: 1_000, configuration: configuration) { harness, index, tools in
            // Slow pages (2 s for the 10 of them), so the sync is still running when the bound passes.
            await harness.state.setLatency(.milliseconds(200))
            // A first reader starts the sync; its first page makes the total known.
            let (pages, pageSink) = AsyncStream<Int>.makeStream()
            let account = SandboxHarness.account
            let first = Task {
                try await index.prepare(username: account.username, list: .collection, credential: account.credential) { done, _ in
                    pageSink.yield(done)
                }
            }
            var iterator = pages.makeAsyncIterator()
            _ = await iterator.next()
            // The search joins the running sync and waits on the index's clock; moving it past the bound ends both waits.
            let search = Task { try await Self.call(tools, "search_collection", ["query": "zzzz-not-there"]) }
            await clock.sleepers(2)
            clock.advance(by: .seconds(20))
            _ = try await first.value
            let result = try await search.value
            #expect(Self.text(result).contains("PARTIAL") && Self.text(result).contains("of 1,000"))
            #expect(result.structuredContent?["index"]?["complete"] == .bool(false))
            await harness.state.setLatency(.zero)
        }
    }
}
