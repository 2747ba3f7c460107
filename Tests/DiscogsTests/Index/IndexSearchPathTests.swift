import Discogs
import Foundation
import Storage
import TestSupport
import Testing

/// Every SQL path of the search (FTS-driven, facet-driven, sort-index walk, facet-only count) and
/// the stats, checked against a brute-force evaluation over the same items.
@Suite("Index search paths", .removesTemporaryFolders)
struct IndexSearchPathTests {
    static let count = 3_000
    static let all = GeneratedCollection.items(count)

    /// A fresh store holding `all`, inserted in order (so row ids follow the array).
    static func store() async throws -> SQLiteCollectionIndexStore {
        let directory = TemporaryFolder.make("index-paths")
        let store = SQLiteCollectionIndexStore(database: try Database(path: directory.appendingPathComponent("paths.sqlite").path))
        for chunk in stride(from: 0, to: all.count, by: 500) {
            try await store.upsert(Array(all[chunk..<min(chunk + 500, all.count)]), username: "bench", list: .collection, generation: 1, state: nil)
        }
        return store
    }

    /// FTS semantics: every word is a prefix of some token of the searched text.
    static func matches(_ words: String, in text: String) -> Bool {
        let tokens = FTSQueryText.words(text).map { $0.lowercased() }
        return FTSQueryText.words(words).allSatisfy { word in tokens.contains { $0.hasPrefix(word.lowercased()) } }
    }

    static func searchable(_ item: IndexedItem) -> String {
        let tags = item.genres + item.styles + item.formats + [item.year.map(String.init) ?? "", item.country ?? ""]
        return ([item.artistDisplay, item.title] + item.artists + item.labels + item.catnos + [item.notes] + tags).joined(separator: " ")
    }

    /// The query evaluated in Swift: indices into `all` that match, in the query's order (ties by row id).
    static func bruteForce(_ query: IndexQuery) -> [Int] {
        func has(_ values: [String], _ wanted: [String]) -> Bool {
            wanted.allSatisfy { want in values.contains { $0.lowercased() == want.lowercased() } }
        }
        let hits = all.indices.filter { n in
            let item = all[n]
            if let text = query.text, !matches(text, in: searchable(item)) { return false }
            if let artist = query.artist, !matches(artist, in: (item.artists + [item.artistDisplay]).joined(separator: " ")) { return false }
            guard has(item.genres, query.genres), has(item.styles, query.styles), has(item.formats, query.formats),
                has(item.labels, query.label.map { [$0] } ?? [])
            else { return false }
            if query.yearFrom != nil || query.yearTo != nil {
                guard let year = item.year, year > 0, year >= query.yearFrom ?? .min, year <= query.yearTo ?? .max else { return false }
            }
            if let folder = query.folderID, folder != 0, item.folderID != folder { return false }
            if let rating = query.minRating, item.rating < rating { return false }
            if let from = query.addedFrom, (item.dateAdded ?? -.infinity) < from { return false }
            if let before = query.addedBefore, (item.dateAdded ?? .infinity) >= before { return false }
            return true
        }
        let ascending = (query.order ?? (query.sort == .artist || query.sort == .title ? .ascending : .descending)) == .ascending
        func key(_ text: String) -> String { text.lowercased().hasPrefix("the ") ? String(text.lowercased().dropFirst(4)) : text.lowercased() }
        return hits.sorted { a, b in
            let x = all[a], y = all[b]
            switch query.sort {
            case .year where x.year != y.year: return ascending ? (x.year ?? 0) < (y.year ?? 0) : (x.year ?? 0) > (y.year ?? 0)
            case .year where key(x.artistDisplay) != key(y.artistDisplay): return key(x.artistDisplay) < key(y.artistDisplay)
            case .title where key(x.title) != key(y.title): return ascending ? key(x.title) < key(y.title) : key(x.title) > key(y.title)
            case .rating where x.rating != y.rating: return ascending ? x.rating < y.rating : x.rating > y.rating
            case .rating where x.dateAdded != y.dateAdded: return (x.dateAdded ?? 0) > (y.dateAdded ?? 0)
            case .artist where key(x.artistDisplay) != key(y.artistDisplay):
                return ascending ? key(x.artistDisplay) < key(y.artistDisplay) : key(x.artistDisplay) > key(y.artistDisplay)
            case .artist where x.year != y.year: return (x.year ?? 0) < (y.year ?? 0)
            case .added, .relevance: return ascending ? a < b : a > b  // date_added grows with the row id here
            default: return a < b
            }
        }
    }

    static let shapes: [(String, IndexQuery)] = [
        ("browse", IndexQuery(username: "bench")),
        ("text + style + min rating, sort year (FTS-driven)", IndexQuery(username: "bench", text: "river", styles: ["Techno"], minRating: 2, sort: .year)),
        ("text, dense, sort title (sort index with the FTS set)", IndexQuery(username: "bench", text: "album", sort: .title, page: 3)),
        ("genre only (facet count, sort index)", IndexQuery(username: "bench", genres: ["jazz"], page: 2)),
        ("label, sort title (facet-driven)", IndexQuery(username: "bench", label: "Label 7", sort: .title)),
        ("style + format, sort artist desc", IndexQuery(username: "bench", styles: ["Hard Bop"], formats: ["Vinyl"], sort: .artist, order: .descending, page: 2)),
        ("two styles + genre, none match", IndexQuery(username: "bench", genres: ["Electronic"], styles: ["Techno", "House"])),
        ("style + decade + folder, sort rating", IndexQuery(username: "bench", styles: ["Dub"], yearFrom: 1970, yearTo: 1989, folderID: 2, sort: .rating)),
        ("genre + added range, page 3", IndexQuery(username: "bench", genres: ["Rock"], addedFrom: 1_600_000_000 + 500 * 3600, addedBefore: 1_600_000_000 + 2500 * 3600, page: 3, perPage: 10)),
        ("artist words, page 3", IndexQuery(username: "bench", artist: "Artist 42", page: 3, perPage: 5)),
        ("text + artist + format, sort added asc", IndexQuery(username: "bench", text: "blue", artist: "Artist 1", formats: ["CD"], sort: .added, order: .ascending)),
        ("year range, sort year asc", IndexQuery(username: "bench", yearFrom: 1990, yearTo: 1999, sort: .year, order: .ascending, perPage: 50)),
    ]

    @Test("totals and pages equal a brute-force evaluation, for every SQL path")
    func totalsAndPages() async throws {
        let store = try await Self.store()
        for (name, query) in Self.shapes {
            let expected = Self.bruteForce(query)
            let page = try await store.search(query)
            #expect(page.total == expected.count, "\(name): total \(page.total), expected \(expected.count)")
            let offset = (query.page - 1) * query.perPage
            let expectedPage = expected.dropFirst(offset).prefix(query.perPage).map { Self.all[$0].instanceID }
            #expect(page.items.map(\.instanceID) == Array(expectedPage), "\(name): page differs")
        }
    }

    @Test("relevance: the total and the set match brute force; past the last page the total stays")
    func relevanceAndPastEnd() async throws {
        let store = try await Self.store()
        let query = IndexQuery(username: "bench", text: "night blue", perPage: 100)
        let expected = Set(Self.bruteForce(query).map { Self.all[$0].instanceID })
        let page = try await store.search(query)
        #expect(page.total == expected.count && Set(page.items.map(\.instanceID)).isSubset(of: expected))
        let past = try await store.search(IndexQuery(username: "bench", genres: ["Jazz"], page: 500))
        #expect(past.items.isEmpty && past.total == Self.all.filter { $0.genres.contains("Jazz") }.count)
        let other = try await store.search(IndexQuery(username: "someone-else", genres: ["Jazz"]))
        #expect(other.total == 0 && other.items.isEmpty)
    }

    @Test("stats: facet buckets, distinct counts and unique releases equal brute force")
    func stats() async throws {
        let store = try await Self.store()
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
        #expect(stats.decades.map(\.value) == decades.keys.sorted() && stats.decades.map(\.count) == decades.keys.sorted().compactMap { decades[$0] })
        let empty = try await store.stats(username: "nobody", list: .collection, top: 5)
        #expect(empty.total == 0 && empty.distinct["genre"] == 0 && empty.genres.isEmpty)
    }
}
