import Discogs
import Foundation
import MCP

/// Reading tool arguments the dispatcher has already validated against the schema.
struct CollectionArguments {
    let values: [String: JSONValue]

    init(_ values: [String: JSONValue]) { self.values = values }

    func string(_ name: String) -> String? {
        guard let text = values[name]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    func int(_ name: String) -> Int? { values[name]?.intValue.map { Int($0) } }
    func bool(_ name: String) -> Bool? { values[name]?.boolValue }

    /// `YYYY-MM-DD` (or a full Discogs timestamp) as seconds since 1970, UTC midnight.
    func date(_ name: String) throws -> Double? {
        guard let text = string(name) else { return nil }
        let full = text.count == 10 ? text + "T00:00:00+00:00" : text
        guard let seconds = DiscogsDate.seconds(from: full) else {
            throw ToolFailure("\(name) must be a date like 2024-03-01; got \"\(text)\".")
        }
        return seconds
    }

    /// The search part shared by `search_collection` and `get_wantlist`.
    func query(username: String, list: IndexedList) throws -> IndexQuery {
        var yearFrom = int("year_from")
        var yearTo = int("year_to")
        if let decade = int("decade") {
            let start = decade / 10 * 10
            yearFrom = max(yearFrom ?? start, start)
            yearTo = min(yearTo ?? start + 9, start + 9)
        }
        if let from = yearFrom, let to = yearTo, from > to {
            throw ToolFailure("year_from (\(from)) is after year_to (\(to)); widen the range.")
        }
        return IndexQuery(
            username: username, list: list, text: string("query"), artist: string("artist"), genres: string("genre").map { [$0] } ?? [],
            styles: string("style").map { [$0] } ?? [], formats: string("format").map { [$0] } ?? [], label: string("label"),
            yearFrom: yearFrom, yearTo: yearTo, folderID: list == .collection ? int("folder_id") : nil, minRating: int("min_rating"),
            addedFrom: try date("added_after"), addedBefore: try date("added_before"), sort: string("sort").flatMap(IndexQuery.Sort.init(rawValue:)),
            order: string("order").flatMap(IndexQuery.Order.init(rawValue:)), page: int("page") ?? 1, perPage: int("per_page") ?? 25
        )
    }

    /// The last page worth asking for: 100 per page reaches a million items, beyond any collection.
    static let maximumPage = 10_000

    /// JSON Schema for the shared search arguments.
    static func searchProperties(list: IndexedList) -> [String: JSONValue] {
        var properties: [String: JSONValue] = [
            "query": ["type": "string", "maxLength": 200, "description": "Words to find in artist, title, label, catalogue number, notes, genres, styles and formats (every word must match, prefixes allowed). Leave out to browse with filters only."],
            "artist": ["type": "string", "maxLength": 200, "description": "Words that must appear in the artist credit."],
            "genre": ["type": "string", "maxLength": 100, "description": "Exact Discogs genre, e.g. Jazz, Electronic, Rock, \"Funk / Soul\" (case-insensitive). get_collection_stats lists the ones present."],
            "style": ["type": "string", "maxLength": 100, "description": "Exact Discogs style, e.g. Hard Bop, Techno, Shoegaze (case-insensitive)."],
            "format": ["type": "string", "maxLength": 100, "description": "A format name or description: Vinyl, CD, Cassette, LP, 12\", 7\", Album, Reissue…"],
            "label": ["type": "string", "maxLength": 200, "description": "Exact label name (case-insensitive)."],
            "decade": ["type": "integer", "minimum": 1900, "maximum": 2090, "description": "Release decade, e.g. 1970 for the 1970s."],
            "year_from": ["type": "integer", "minimum": 1900, "maximum": 2100],
            "year_to": ["type": "integer", "minimum": 1900, "maximum": 2100],
            "min_rating": ["type": "integer", "minimum": 0, "maximum": 5, "description": "Only items the user rated at least this: 1–5; 0 (the default) applies no rating filter and includes unrated items."],
            "added_after": ["type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "Added on or after this date (YYYY-MM-DD)."],
            "added_before": ["type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "Added before this date (YYYY-MM-DD)."],
            "sort": [
                "type": "string", "enum": ["relevance", "added", "year", "artist", "title", "rating"],
                "description": "Default: relevance with a query, otherwise added (newest first).",
            ],
            "order": ["type": "string", "enum": ["asc", "desc"], "description": "Default: desc for added/year/rating/relevance, asc for artist/title."],
            "page": ["type": "integer", "minimum": 1, "maximum": .int(Int64(maximumPage)), "default": 1],
            "per_page": ["type": "integer", "minimum": 1, "maximum": 100, "default": 25],
        ]
        if list == .collection {
            properties["folder_id"] = ["type": "integer", "minimum": 0, "maximum": 999_999_999, "description": "Only this collection folder (0 = all)."]
        }
        return properties
    }
}

extension DiscogsToolEnvironment {
    /// The caller's account and an index ready to read, reporting sync progress as MCP progress.
    func preparedIndex(_ index: CollectionIndex, list: IndexedList, context: ToolContext) async throws -> (DiscogsAccount, IndexFreshness) {
        let account = try await account(for: context)
        let progress = context.progress
        do {
            let freshness = try await index.prepare(username: account.username, list: list, credential: account.credential) { done, total in
                await progress.report(Double(done), total: Double(total), message: "Indexing your \(list.rawValue): \(done) of \(total)")
            }
            return (account, freshness)
        } catch DiscogsError.unauthorized(let message) {
            throw DiscogsError.unauthorized(message: message)  // the caller's grant ends (CredentialRefusalGuard)
        } catch {
            throw ToolFailure(String(describing: error))
        }
    }
}
