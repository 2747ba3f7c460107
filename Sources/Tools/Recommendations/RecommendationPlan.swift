import Discogs
import MCP

/// Turns recommendation arguments into one index query (hard filters + affinity ranking) and
/// explains each pick.
struct RecommendationPlan {
    var query: IndexQuery
    var seed: IndexedItem?
    var moodStyles: [String] = []
    var moodApplied = false
    var notes: [String] = []
    var summary: String

    init(_ args: CollectionArguments, username: String, list: IndexedList, index: CollectionIndex) async throws {
        var query = try args.query(username: username, list: list)
        query.text = nil
        query.page = 1
        query.perPage = min(max(args.int("limit") ?? 10, 1), 50)
        var parts: [String] = []
        var affinity = IndexQuery.Affinity(required: false)
        if let releaseID = args.int("similar_to_release_id") {
            let found = try await index.search(IndexQuery(username: username, list: .collection, releaseIDs: [releaseID], perPage: 1)).items.first
            let seed: IndexedItem? =
                if let found { found } else {
                    try await index.search(IndexQuery(username: username, list: .wantlist, releaseIDs: [releaseID], perPage: 1)).items.first
                }
            guard let seed else {
                throw ToolFailure(
                    "Release \(releaseID) is not in the collection or wantlist; similar_to_release_id must be one of the user's own items (search_collection finds ids)."
                )
            }
            self.seed = seed
            affinity.genres = seed.genres
            affinity.styles = seed.styles
            affinity.artists = seed.artists
            affinity.years = seed.year.map { ($0 - 5)...($0 + 5) }
            affinity.required = true
            query.excludingReleaseIDs = [releaseID]
            parts.append("similar to \(seed.artistDisplay) – \(seed.title)")
        }
        if let word = args.string("mood") {
            if let mood = MoodMap.mood(for: word), let styles = MoodMap.styles[mood] {
                moodStyles = styles
                moodApplied = true
                affinity.styles += styles
                // A mood gates candidates only when nothing explicit (genre, style, seed) already does.
                if query.genres.isEmpty && query.styles.isEmpty && seed == nil { affinity.required = true }
                if !query.genres.isEmpty || !query.styles.isEmpty {
                    notes.append("Mood \"\(word)\" only ranks within the genre/style you asked for; it does not replace it.")
                }
                parts.append("mood \(mood)")
            } else {
                notes.append("Unknown mood \"\(word)\" ignored; known moods: \(MoodMap.moods.joined(separator: ", ")).")
            }
        }
        let filters = IndexRendering.describe(query)
        if filters != "everything" { parts.append(filters) }
        if affinity.genres.isEmpty && affinity.styles.isEmpty && affinity.artists.isEmpty && affinity.years == nil {
            query.sort = .rating
            parts.append("best rated first")
        } else {
            query.affinity = affinity
            query.sort = .affinity
        }
        query.order = nil
        self.query = query
        self.summary = parts.isEmpty ? "best rated first" : parts.joined(separator: "; ")
    }

    /// Why `item` was picked, in the terms of the request.
    func reason(for item: IndexedItem) -> String {
        var reasons: [String] = []
        func shared(_ mine: [String], _ theirs: [String]) -> [String] {
            let wanted = Set(theirs.map { $0.lowercased() })
            return mine.filter { wanted.contains($0.lowercased()) }
        }
        if let seed {
            let artists = shared(item.artists, seed.artists)
            if !artists.isEmpty { reasons.append("same artist (\(artists.joined(separator: ", ")))") }
            let genres = shared(item.genres, seed.genres)
            let styles = shared(item.styles, seed.styles)
            if !styles.isEmpty { reasons.append("shares styles \(styles.joined(separator: ", "))") }
            if !genres.isEmpty { reasons.append("shares genre \(genres.joined(separator: ", "))") }
            if let a = item.year, let b = seed.year, abs(a - b) <= 5 { reasons.append("same era (\(a) vs \(b))") }
        }
        if moodApplied {
            let styles = shared(item.styles, moodStyles)
            if !styles.isEmpty { reasons.append("\(styles.joined(separator: ", ")) suits the mood") }
        }
        if !query.genres.isEmpty { reasons.append("genre \(query.genres.joined(separator: ", "))") }
        if !query.styles.isEmpty { reasons.append("style \(query.styles.joined(separator: ", "))") }
        if !query.formats.isEmpty { reasons.append("format \(query.formats.joined(separator: ", "))") }
        if query.yearFrom != nil || query.yearTo != nil, let year = item.year { reasons.append("from \(year)") }
        if item.rating > 0 { reasons.append("you rated it \(item.rating)/5") }
        return reasons.isEmpty ? "matches your filters" : reasons.joined(separator: "; ")
    }
}
