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
            username: username,
            list: list,
            text: string("query"),
            artist: string("artist"),
            genres: string("genre").map { [$0] } ?? [],
            styles: string("style").map { [$0] } ?? [],
            formats: string("format").map { [$0] } ?? [],
            label: string("label"),
            yearFrom: yearFrom,
            yearTo: yearTo,
            folderID: list == .collection ? int("folder_id") : nil,
            minRating: int("min_rating"),
            addedFrom: try date("added_after"),
            addedBefore: try date("added_before"),
            sort: string("sort").flatMap(IndexQuery.Sort.init(rawValue:)),
            order: string("order").flatMap(IndexQuery.Order.init(rawValue:)),
            page: int("page") ?? 1,
            perPage: int("per_page") ?? 25
        )
    }

    /// JSON Schema for the shared search arguments: said once here for search_collection and get_wantlist.
    static func searchProperties(list: IndexedList) -> [String: JSONValue] {
        let date: JSONValue = ["type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"]
        var properties: [String: JSONValue] = [
            "query": CatalogSchema.text("Words to match (all; prefixes too) in artist, title, label, catno, notes, genres, styles, formats."),
            "artist": CatalogSchema.text("Words in the artist credit."),
            "genre": CatalogSchema.text("Exact, e.g. Jazz, \"Funk / Soul\".", maxLength: 100),
            "style": CatalogSchema.text("Exact, e.g. Hard Bop.", maxLength: 100),
            "format": CatalogSchema.text("e.g. Vinyl, CD, LP, 7\", Reissue", maxLength: 100),
            "label": CatalogSchema.text("Exact label name."),
            "decade": CatalogSchema.integer("e.g. 1970", minimum: 1900, maximum: 2090),
            "year_from": CatalogSchema.integer(minimum: 1900, maximum: 2100),
            "year_to": CatalogSchema.integer(minimum: 1900, maximum: 2100),
            "min_rating": CatalogSchema.integer("0 (the default) includes unrated.", minimum: 0, maximum: 5),
            "added_after": date, "added_before": date,
            "sort": CatalogSchema.choice(
                ["relevance", "added", "year", "artist", "title", "rating"],
                "Default: relevance with a query, else added."
            ),
            "order": CatalogSchema.choice(["asc", "desc"], "Default: asc for artist, title; else desc."),
            "page": CatalogSchema.page,
            "per_page": CatalogSchema.perPage(),
        ]
        if list == .collection {
            properties["folder_id"] = CatalogSchema.integer("0: all folders.", minimum: 0, maximum: 999_999_999)
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
