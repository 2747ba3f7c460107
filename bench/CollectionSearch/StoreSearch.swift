import Discogs
import Foundation
import Storage
import TestSupport

/// The index store alone, without the tool or Discogs: writes `count` generated items, then times a
/// query mix and the stats over them.
///
/// Moved here from the unit suite (it asserted a 50 ms median there, a timing check that failed
/// whenever the machine was busy): it reports medians and says whether each stayed within `budgetMs`.
enum StoreSearch {
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Runs the measurement in `directory`; returns false when a median went over the budget.
    static func run(count: Int, iterations: Int, budgetMs: Double, in directory: URL) async throws -> Bool {
        let store = SQLiteCollectionIndexStore(database: try Database(path: directory.appendingPathComponent("store-bench.sqlite").path))
        let all = GeneratedIndexItems.items(count)
        let (_, write) = try await timed {
            for chunk in stride(from: 0, to: all.count, by: 100) {
                try await store.upsert(
                    Array(all[chunk..<min(chunk + 100, all.count)]),
                    username: "bench",
                    list: .collection,
                    generation: 1,
                    state: nil
                )
            }
        }
        say("store: write of \(count) items in \(format(Measurement.milliseconds(write)))")
        let queries: [(String, IndexQuery)] = [
            ("browse newest", IndexQuery(username: "bench")),
            ("text", IndexQuery(username: "bench", text: "blue night")),
            ("genre + decade", IndexQuery(username: "bench", genres: ["Jazz"], yearFrom: 1970, yearTo: 1979)),
            ("text + style + rating, sort year", IndexQuery(username: "bench", text: "river", styles: ["Techno"], minRating: 2, sort: .year)),
            ("artist, page 3", IndexQuery(username: "bench", artist: "Artist 42", page: 3, perPage: 5)),
        ]
        var withinBudget = true
        for (name, query) in queries {
            var measurement = Measurement()
            var total = 0
            for _ in 0..<iterations {
                let (page, elapsed) = try await timed { try await store.search(query) }
                measurement.samples.append(elapsed)
                total = page.total
            }
            let within = measurement.median < budgetMs
            withinBudget = withinBudget && within
            say(
                "store search \(name): median \(format(measurement.median)), p95 \(format(measurement.p95)), total \(total)\(within ? "" : " — over the \(format(budgetMs)) budget")"
            )
        }
        var stats = Measurement()
        for _ in 0..<max(3, iterations / 5) {
            let (_, elapsed) = try await timed { try await store.stats(username: "bench", list: .collection, top: 10) }
            stats.samples.append(elapsed)
        }
        say("store stats over \(count) items: median \(format(stats.median))")
        return withinBudget
    }
}
