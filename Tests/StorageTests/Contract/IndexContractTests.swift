import Foundation
import Storage
import Testing

/// The collection index store's contract (FTS5 on SQLite, `tsvector` + GIN on PostgreSQL): every
/// search path and the stats against a brute-force evaluation, the ranking and tokenizing rules,
/// and every write. Each test runs on both engines; none is skipped.
@Suite("Storage contract: collection index")
struct IndexContractTests {
    static let count = 3_000
    static let all = IndexFixture.items(count)

    @Test("totals and pages equal a brute-force evaluation, for every query shape", arguments: StorageEngine.allCases)
    func totalsAndPages(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            try await IndexFixture.fill(store, Self.all)
            for (name, query) in IndexFixture.shapes {
                let expected = IndexFixture.bruteForce(query, over: Self.all)
                let page = try await store.search(query)
                #expect(page.total == expected.count, "\(name): total \(page.total), expected \(expected.count)")
                let offset = (query.page - 1) * query.perPage
                let expectedPage = expected.dropFirst(offset).prefix(query.perPage).map { Self.all[$0].instanceID }
                #expect(page.items.map(\.instanceID) == Array(expectedPage), "\(name): page differs")
            }
            let first = try #require(try await store.search(IndexQuery(username: "bench", releaseIDs: [10_005])).items.first)
            #expect(first == Self.all[5], "a row reads back exactly as written")
        }
    }

    @Test("relevance: the total and the set match brute force; past the last page the total stays", arguments: StorageEngine.allCases)
    func relevanceAndPastEnd(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            try await IndexFixture.fill(store, Self.all)
            let query = IndexQuery(username: "bench", text: "night blue", perPage: 100)
            let expected = Set(IndexFixture.bruteForce(query, over: Self.all).map { Self.all[$0].instanceID })
            let page = try await store.search(query)
            #expect(page.total == expected.count && Set(page.items.map(\.instanceID)).isSubset(of: expected))
            let past = try await store.search(IndexQuery(username: "bench", genres: ["Jazz"], page: 500))
            #expect(past.items.isEmpty && past.total == Self.all.filter { $0.genres.contains("Jazz") }.count)
            let overflow = try await store.search(IndexQuery(username: "bench", page: Int.max, perPage: 100))
            #expect(overflow.items.isEmpty && overflow.total == Self.count)
            let other = try await store.search(IndexQuery(username: "someone-else", genres: ["Jazz"]))
            #expect(other.total == 0 && other.items.isEmpty)
        }
    }

    @Test("stats: facet buckets, distinct counts and unique releases equal brute force", arguments: StorageEngine.allCases)
    func stats(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            try await IndexFixture.fill(store, Self.all)
            let stats = try await store.stats(username: "bench", list: .collection, top: 5)
            #expect(stats.total == Self.count && stats.uniqueReleases == Self.count)
            var styles: [String: Int] = [:]
            for item in Self.all { for style in Set(item.styles) { styles[style, default: 0] += 1 } }
            let top = styles.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
            #expect(stats.styles.map(\.value) == top.map(\.key) && stats.styles.map(\.count) == top.map(\.value))
            #expect(stats.distinct["style"] == styles.count && stats.distinct["artist"] == Set(Self.all.flatMap(\.artists)).count)
            #expect(stats.distinct["label"] == 90 && stats.formats.first?.value == "Album" && stats.formats.first?.count == Self.count)
            var decades: [String: Int] = [:]
            for item in Self.all { decades[item.year.map { "\($0 / 10 * 10)s" } ?? "unknown", default: 0] += 1 }
            #expect(
                stats.decades.map(\.value) == decades.keys.sorted() && stats.decades.map(\.count) == decades.keys.sorted().compactMap { decades[$0] }
            )
            #expect(stats.ratings.map(\.value) == ["0", "1", "2", "3", "4", "5"] && stats.ratings.map(\.count).reduce(0, +) == Self.count)
            var months: [String: Int] = [:]
            let format = DateFormatter()
            format.dateFormat = "yyyy-MM"
            format.timeZone = TimeZone(identifier: "UTC")
            for item in Self.all { months[format.string(from: Date(timeIntervalSince1970: item.dateAdded ?? 0)), default: 0] += 1 }
            #expect(
                stats.addedByMonth.map(\.value) == months.keys.sorted()
                    && stats.addedByMonth.map(\.count) == months.keys.sorted().compactMap { months[$0] }
            )
            #expect(Set(stats.folders.map(\.value)) == ["Folder 1", "Folder 2", "Folder 3", "Folder 4", "Folder 5"])
            let empty = try await store.stats(username: "nobody", list: .collection, top: 5)
            #expect(empty.total == 0 && empty.distinct["genre"] == 0 && empty.genres.isEmpty)
        }
    }

    @Test("ranking: an artist match outranks a title match, which outranks label, notes and tags", arguments: StorageEngine.allCases)
    func ranking(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            let items = [
                IndexedItem(instanceID: 1, releaseID: 1, dateAdded: 5, artistDisplay: "Someone", title: "Other", genres: ["Harvest"]),
                IndexedItem(instanceID: 2, releaseID: 2, dateAdded: 4, artistDisplay: "Someone", title: "Other", notes: "harvest moon"),
                IndexedItem(instanceID: 3, releaseID: 3, dateAdded: 3, artistDisplay: "Someone", title: "Other", labels: ["Harvest"]),
                IndexedItem(instanceID: 4, releaseID: 4, dateAdded: 2, artistDisplay: "Someone", title: "Harvest"),
                IndexedItem(instanceID: 5, releaseID: 5, dateAdded: 1, artists: ["Harvester"], artistDisplay: "Harvester", title: "Other"),
            ]
            try await store.upsert(items, username: "Ranker", list: .collection, generation: 1, state: nil)
            let ranked = try await store.search(IndexQuery(username: "ranker", text: "harvest"))
            #expect(ranked.total == 5)
            #expect(ranked.items.prefix(3).map(\.instanceID) == [5, 4, 3], "artist, then title, then label")
            #expect(Set(ranked.items.suffix(2).map(\.instanceID)) == [1, 2])
            let reversed = try await store.search(IndexQuery(username: "ranker", text: "harvest", order: .ascending))
            #expect(reversed.items.last?.instanceID == 5)
            let byArtist = try await store.search(IndexQuery(username: "ranker", artist: "harv"))
            #expect(byArtist.items.map(\.instanceID) == [5], "artist words match the artist credit only")
        }
    }

    @Test("text: words as prefixes, case and diacritics folded, punctuation and query syntax inert", arguments: StorageEngine.allCases)
    func tokenizing(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let store = repositories.index
            let items = [
                IndexedItem(instanceID: 1, releaseID: 1, artists: ["Björk"], artistDisplay: "Björk", title: "Homogenic"),
                IndexedItem(instanceID: 2, releaseID: 2, artists: ["AC/DC"], artistDisplay: "AC/DC", title: "High Voltage", catnos: ["ATL-50.257"]),
                IndexedItem(instanceID: 3, releaseID: 3, artistDisplay: "Sigur Rós", title: "Ágætis byrjun", notes: "it's \"great\" * NEAR OR"),
            ]
            try await store.upsert(items, username: "u", list: .collection, generation: 1, state: nil)
            func ids(_ text: String) async throws -> [Int] {
                try await store.search(IndexQuery(username: "u", text: text)).items.map(\.instanceID).sorted()
            }
            let expectations: [(String, [Int])] = [
                ("bjork", [1]), ("BJÖRK homo", [1]), ("ac/dc", [2]), ("AC DC", [2]), ("dc volt", [2]), ("atl 50", [2]), ("257", [2]),
                ("agaetis", []), ("agætis", [3]), ("ros byr", [3]), ("\"great\"", [3]), ("it's", [3]), ("NEAR", [3]), ("OR", [3]),
                ("' & ! : * ( )", [1, 2, 3]),
            ]
            for (text, expected) in expectations {
                let found = try await ids(text)
                #expect(found == expected, "\(text): \(found)")
            }
            #expect(try await ids("homogenic voltage").isEmpty)
        }
    }
}
