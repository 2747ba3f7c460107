import GRDB

/// A query split by the index that answers each part, and the SQL built from it.
///
/// Text matches come from FTS5 and facet filters from the facet table's primary key, so both are
/// sets of item ids computed once; the rest are conditions on the item row. Every statement names
/// its driving set with `CROSS JOIN` (SQLite keeps that loop order), because without table
/// statistics the planner would otherwise walk a whole sort index and probe each row.
struct SearchPlan {
    /// Where the rows of a page come from.
    enum Drive {
        /// The FTS match set, or else the first facet's rows: the cheapest when matches are few.
        case candidates
        /// The index of the sort column, stopping after the page: the cheapest when most rows match.
        case sortIndex
    }

    var username: String
    var list: String
    /// The FTS5 expression for `text` and `artist`; nil without either.
    var match: String?
    /// Exact facet filters as (facet, lowercased key), in the order they are applied.
    var facets: [(facet: String, key: String)] = []
    /// Conditions on the item row `i` besides its owner.
    var conditions: [String] = []
    var arguments: [any DatabaseValueConvertible] = []

    static let facetSubquery = "SELECT item_id FROM collection_index_facet WHERE username = ? AND list = ? AND facet = ? AND key = ?"
    static let facetExists =
        "EXISTS (SELECT 1 FROM collection_index_facet WHERE username = ? AND list = ? AND facet = ? AND key = ? AND item_id = i.id)"
    static let score = "bm25(collection_index_fts, 8.0, 5.0, 2.0, 2.0, 1.0, 0.5)"

    init(_ query: IndexQuery) {
        username = SQLiteCollectionIndexStore.key(query.username)
        list = query.list.rawValue
        var match: [String] = []
        if let text = query.text, let expression = FTSQueryText.expression(text) { match.append("(\(expression))") }
        if let artist = query.artist, let expression = FTSQueryText.expression(artist, column: "artist") { match.append(expression) }
        self.match = match.isEmpty ? nil : match.joined(separator: " AND ")
        // Labels and styles first: usually the narrowest, so the set driving the join is small.
        let facets: [(String, [String])] = [
            ("label", query.label.map { [$0] } ?? []), ("style", query.styles), ("genre", query.genres), ("format", query.formats),
        ]
        for (facet, values) in facets {
            for value in values where !value.isEmpty { self.facets.append((facet, value.lowercased())) }
        }
        if let from = query.yearFrom { add("i.year >= ?", [from]) }
        if let to = query.yearTo { add("i.year <= ?", [to]) }
        if query.yearFrom != nil || query.yearTo != nil { add("i.year > 0", []) }
        if let folder = query.folderID, folder != 0 { add("i.folder_id = ?", [folder]) }
        if let rating = query.minRating, rating > 0 { add("i.rating >= ?", [rating]) }
        if let from = query.addedFrom { add("i.date_added >= ?", [from]) }
        if let before = query.addedBefore { add("i.date_added < ?", [before]) }
        if !query.releaseIDs.isEmpty {
            add("i.release_id IN (\(Self.marks(query.releaseIDs.count)))", query.releaseIDs)
        }
        if !query.excludingReleaseIDs.isEmpty {
            add("i.release_id NOT IN (\(Self.marks(query.excludingReleaseIDs.count)))", query.excludingReleaseIDs)
        }
        if let affinity = query.affinity, affinity.required,
            let score = SQLiteCollectionIndexStore.affinityScore(affinity, username: username, list: list)
        {
            add("(\(score.sql)) > 0", score.arguments)
        }
    }

    mutating func add(_ condition: String, _ values: [any DatabaseValueConvertible]) {
        conditions.append(condition)
        arguments.append(contentsOf: values)
    }

    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }

    /// Whether the SQL text depends only on the query's shape, so its prepared statement is worth caching.
    var isCacheable: Bool { !conditions.contains { $0.contains("release_id") } }

    /// `WITH m …`: the FTS match set, materialized so FTS5 runs once, scored only when sorted by score.
    func with(scored: Bool) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        guard let match else { return ("", []) }
        let columns = scored ? "rowid AS fid, \(Self.score) AS score" : "rowid AS fid"
        return ("WITH m AS MATERIALIZED (SELECT \(columns) FROM collection_index_fts WHERE collection_index_fts MATCH ?) ", [match])
    }

    /// `FROM … WHERE …` for `drive`, with its arguments.
    func from(_ drive: Drive) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        var from = "collection_index_item i"
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        var facets = self.facets[...]
        switch drive {
        case .candidates where match != nil:
            from = "m CROSS JOIN collection_index_item i ON i.id = m.fid"
        case .candidates:
            if let first = facets.popFirst() {
                from = "collection_index_facet c CROSS JOIN collection_index_item i ON i.id = c.item_id"
                conditions.append("c.username = ? AND c.list = ? AND c.facet = ? AND c.key = ?")
                arguments += [username, list, first.facet, first.key]
            }
        case .sortIndex:
            // `+i.id` keeps the planner from turning the id sets into rowid lookups, which would
            // give up the sort index's order.
            if match != nil { conditions.append("+i.id IN (SELECT fid FROM m)") }
        }
        conditions.append("i.username = ? AND i.list = ?")
        arguments += [username, list]
        for facet in facets {
            // Every candidate is probed: one list of the facet's ids, built once, is cheapest. A
            // sort-index walk stops early: a seek per row beats building a list it mostly ignores.
            conditions.append(drive == .candidates ? "+i.id IN (\(Self.facetSubquery))" : Self.facetExists)
            arguments += [username, list, facet.facet, facet.key]
        }
        return ("FROM \(from) WHERE " + (conditions + self.conditions).joined(separator: " AND "), arguments + self.arguments)
    }

    /// The number of matching rows; facets alone are counted in the facet table without reading items.
    func countSQL() -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        if match == nil, conditions.isEmpty, let first = facets.first {
            var sql = "SELECT count(*) FROM collection_index_facet c WHERE c.username = ? AND c.list = ? AND c.facet = ? AND c.key = ?"
            var arguments: [any DatabaseValueConvertible] = [username, list, first.facet, first.key]
            for facet in facets.dropFirst() {
                // `+` keeps the planner from driving through the item-id index instead of the range.
                sql += " AND +c.item_id IN (\(Self.facetSubquery))"
                arguments += [username, list, facet.facet, facet.key]
            }
            return (sql, arguments)
        }
        let with = with(scored: false)
        let from = from(.candidates)
        return (with.sql + "SELECT count(*) " + from.sql, with.arguments + from.arguments)
    }
}
