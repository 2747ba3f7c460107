import Discogs
import Foundation
import Storage
import TestSupport
import Testing

/// A micro-benchmark hook: search over 10,000 indexed items, in process, no Discogs.
@Suite("Index search benchmark", .removesTemporaryFolders)
struct IndexSearchBenchmarkTests {
    static let genres = ["Jazz", "Electronic", "Rock", "Funk / Soul", "Hip Hop", "Classical", "Pop", "Reggae"]
    static let styles = ["Hard Bop", "Techno", "Shoegaze", "Soul", "Boom Bap", "Baroque", "Synth-pop", "Dub", "Ambient", "House"]
    static let words = ["Blue", "Night", "Morning", "River", "Dream", "Fire", "City", "Light", "Shadow", "Summer", "Winter", "Heart"]

    static func items(_ count: Int) -> [IndexedItem] {
        (0..<count).map { n in
            IndexedItem(
                instanceID: 1_000_000 + n, releaseID: 10_000 + n, folderID: 1 + n % 5, rating: n % 6, dateAdded: 1_600_000_000 + Double(n) * 3600,
                artists: ["Artist \(n % 700)"], artistDisplay: "Artist \(n % 700)", title: "\(words[n % 12]) \(words[(n / 12) % 12]) \(n)",
                labels: ["Label \(n % 90)"], catnos: ["CAT-\(n)"], formats: n % 3 == 0 ? ["CD", "Album"] : ["Vinyl", "LP", "Album"],
                formatDisplay: "Vinyl (LP)", genres: [genres[n % 8]], styles: [styles[n % 10], styles[(n / 10) % 10]], year: 1955 + n % 70
            )
        }
    }

    @Test("search over 10,000 items: median well under the 5 ms goal in release, bounded in debug")
    func searchTiming() async throws {
        let directory = TemporaryFolder.make("index-bench")
        let store = SQLiteCollectionIndexStore(database: try Database(path: directory.appendingPathComponent("bench.sqlite").path))
        let all = Self.items(10_000)
        let insertStart = ContinuousClock.now
        for chunk in stride(from: 0, to: all.count, by: 100) {
            try await store.upsert(Array(all[chunk..<min(chunk + 100, all.count)]), username: "bench", list: .collection, generation: 1, state: nil)
        }
        print("index write of 10,000 items: \(ContinuousClock.now - insertStart)")
        let queries: [(String, IndexQuery)] = [
            ("browse newest", IndexQuery(username: "bench")),
            ("text", IndexQuery(username: "bench", text: "blue night")),
            ("genre + decade", IndexQuery(username: "bench", genres: ["Jazz"], yearFrom: 1970, yearTo: 1979)),
            ("text + style + rating, sort year", IndexQuery(username: "bench", text: "river", styles: ["Techno"], minRating: 2, sort: .year)),
            ("artist, page 3", IndexQuery(username: "bench", artist: "Artist 42", page: 3, perPage: 5)),
        ]
        for (name, query) in queries {
            var samples: [Duration] = []
            var total = 0
            for _ in 0..<15 {
                let start = ContinuousClock.now
                total = try await store.search(query).total
                samples.append(ContinuousClock.now - start)
            }
            let median = samples.sorted()[samples.count / 2]
            print("search \(name): median \(median), total \(total)")
            #expect(median < .milliseconds(50), "\(name) took \(median)")
        }
        let genreJazz = all.filter { $0.genres.contains("Jazz") && (1970...1979).contains($0.year ?? 0) }.count
        #expect(try await store.search(queries[2].1).total == genreJazz)
        let statsStart = ContinuousClock.now
        let stats = try await store.stats(username: "bench", list: .collection, top: 10)
        print("stats over 10,000 items: \(ContinuousClock.now - statsStart)")
        #expect(stats.total == 10_000 && stats.genres.first?.count == 1_250)
    }
}
