import Storage
import TestSupport

/// Generated index rows and a brute-force evaluation of `IndexQuery` over them: the ground truth
/// both engines' index stores are held to.
enum IndexFixture {
    /// `count` rows of `GeneratedIndexItems` (the benchmark indexes the same).
    static func items(_ count: Int) -> [IndexedItem] { GeneratedIndexItems.items(count) }

    /// Writes `items` in chunks, as a sync does.
    static func fill(_ store: any CollectionIndexStore, _ items: [IndexedItem], username: String = "bench", chunk: Int = 500) async throws {
        for start in stride(from: 0, to: items.count, by: chunk) {
            try await store.upsert(
                Array(items[start..<min(start + chunk, items.count)]),
                username: username,
                list: .collection,
                generation: 1,
                state: nil
            )
        }
    }

    /// Text semantics: every word is a prefix of some token of the searched text.
    static func matches(_ words: String, in text: String) -> Bool {
        let tokens = FTSQueryText.words(text).map { $0.lowercased() }
        return FTSQueryText.words(words).allSatisfy { word in tokens.contains { $0.hasPrefix(word.lowercased()) } }
    }

    static func searchable(_ item: IndexedItem) -> String {
        let tags = item.genres + item.styles + item.formats + [item.year.map(String.init) ?? "", item.country ?? ""]
        return ([item.artistDisplay, item.title] + item.artists + item.labels + item.catnos + [item.notes] + tags).joined(separator: " ")
    }

    /// The query evaluated in Swift: indices into `all` that match, in the query's order (ties by insertion).
    static func bruteForce(_ query: IndexQuery, over all: [IndexedItem]) -> [Int] {
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
            let x = all[a]
            let y = all[b]
            switch query.sort {
            case .year where x.year != y.year: return ascending ? (x.year ?? 0) < (y.year ?? 0) : (x.year ?? 0) > (y.year ?? 0)
            case .year where key(x.artistDisplay) != key(y.artistDisplay): return key(x.artistDisplay) < key(y.artistDisplay)
            case .title where key(x.title) != key(y.title): return ascending ? key(x.title) < key(y.title) : key(x.title) > key(y.title)
            case .rating where x.rating != y.rating: return ascending ? x.rating < y.rating : x.rating > y.rating
            case .rating where x.dateAdded != y.dateAdded: return (x.dateAdded ?? 0) > (y.dateAdded ?? 0)
            case .artist where key(x.artistDisplay) != key(y.artistDisplay):
                return ascending ? key(x.artistDisplay) < key(y.artistDisplay) : key(x.artistDisplay) > key(y.artistDisplay)
            case .artist where x.year != y.year: return (x.year ?? 0) < (y.year ?? 0)
            case .added, .relevance: return ascending ? a < b : a > b
            default: return a < b
            }
        }
    }

    /// One query per search path of either engine (text-driven, facet-driven, sort-index walk, facet-only count).
    static let shapes: [(String, IndexQuery)] = [
        ("browse", IndexQuery(username: "bench")),
        ("text + style + min rating, sort year", IndexQuery(username: "bench", text: "river", styles: ["Techno"], minRating: 2, sort: .year)),
        ("text, dense, sort title", IndexQuery(username: "bench", text: "album", sort: .title, page: 3)),
        ("genre only", IndexQuery(username: "bench", genres: ["jazz"], page: 2)),
        ("label, sort title", IndexQuery(username: "bench", label: "Label 7", sort: .title)),
        (
            "style + format, sort artist desc",
            IndexQuery(username: "bench", styles: ["Hard Bop"], formats: ["Vinyl"], sort: .artist, order: .descending, page: 2)
        ),
        ("two styles + genre, none match", IndexQuery(username: "bench", genres: ["Electronic"], styles: ["Techno", "House"])),
        (
            "style + decade + folder, sort rating",
            IndexQuery(username: "bench", styles: ["Dub"], yearFrom: 1970, yearTo: 1989, folderID: 2, sort: .rating)
        ),
        (
            "genre + added range, page 3",
            IndexQuery(
                username: "bench",
                genres: ["Rock"],
                addedFrom: 1_600_000_000 + 500 * 3600,
                addedBefore: 1_600_000_000 + 2500 * 3600,
                page: 3,
                perPage: 10
            )
        ),
        ("artist words, page 3", IndexQuery(username: "bench", artist: "Artist 42", page: 3, perPage: 5)),
        (
            "text + artist + format, sort added asc",
            IndexQuery(username: "bench", text: "blue", artist: "Artist 1", formats: ["CD"], sort: .added, order: .ascending)
        ),
        ("year range, sort year asc", IndexQuery(username: "bench", yearFrom: 1990, yearTo: 1999, sort: .year, order: .ascending, perPage: 50)),
    ]
}
