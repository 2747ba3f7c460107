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

    /// JSON Schema for the shared search arguments: said once here for search_collection and get_wantlist.
    static func searchProperties(list: IndexedList) -> [String: JSONValue] {
        let date: [String: JSONValue] = ["type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"]
        var properties: [String: JSONValue] = [
            "query": ["type": "string", "maxLength": 200, "description": "Words to match (all; prefixes too) in artist, title, label, catno, notes, genres, styles, formats."],
            "artist": ["type": "string", "maxLength": 200, "description": "Words in the artist credit."],
            "genre": ["type": "string", "maxLength": 100, "description": "Exact, e.g. Jazz, \"Funk / Soul\"."],
            "style": ["type": "string", "maxLength": 100, "description": "Exact, e.g. Hard Bop."],
            "format": ["type": "string", "maxLength": 100, "description": "e.g. Vinyl, CD, LP, 7\", Reissue"],
            "label": ["type": "string", "maxLength": 200, "description": "Exact label name."],
            "decade": ["type": "integer", "minimum": 1900, "maximum": 2090, "description": "e.g. 1970"],
            "year_from": ["type": "integer", "minimum": 1900, "maximum": 2100],
            "year_to": ["type": "integer", "minimum": 1900, "maximum": 2100],
            "min_rating": ["type": "integer", "minimum": 0, "maximum": 5, "description": "0 (the default) includes unrated."],
            "added_after": .object(date), "added_before": .object(date),
            "sort": CatalogSchema.choice(["relevance", "added", "year", "artist", "title", "rating"], "Default: relevance with a query, else added."),
            "order": CatalogSchema.choice(["asc", "desc"], "Default: asc for artist, title; else desc."),
            "page": CatalogSchema.page,
            "per_page": CatalogSchema.perPage(),
        ]
        if list == .collection {
            properties["folder_id"] = ["type": "integer", "minimum": 0, "maximum": 999_999_999, "description": "0: all folders."]
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
        } catch {
            throw ToolFailure(String(describing: error))
        }
    }
}
