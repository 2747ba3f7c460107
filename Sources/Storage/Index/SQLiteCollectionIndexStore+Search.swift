import GRDB

/// Search: one SQL statement for the total and one for the page, both on indexes.
extension SQLiteCollectionIndexStore {
    /// The `FROM … WHERE …` part of a query and its arguments.
    struct Filter {
        /// A leading `WITH` clause (the FTS matches, materialized once) and its arguments.
        var with = ""
        var withArguments: [any DatabaseValueConvertible] = []
        var from = "collection_index_item i"
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        var usesText = false

        mutating func add(_ condition: String, _ values: [any DatabaseValueConvertible]) {
            conditions.append(condition)
            arguments.append(contentsOf: values)
        }

        var sql: String { "FROM \(from) WHERE " + conditions.joined(separator: " AND ") }
    }

    static func filter(for query: IndexQuery) -> Filter {
        var filter = Filter()
        let username = key(query.username)
        let list = query.list.rawValue
        var match: [String] = []
        if let text = query.text, let expression = FTSQueryText.expression(text) { match.append("(\(expression))") }
        if let artist = query.artist, let expression = FTSQueryText.expression(artist, column: "artist") { match.append(expression) }
        if !match.isEmpty {
            // The match set is computed and scored once and drives the join; a plain join let the
            // planner re-run the FTS query per item row (seconds on 10,000 rows).
            filter.with = "WITH m AS MATERIALIZED (SELECT rowid AS fid, bm25(collection_index_fts, 8.0, 5.0, 2.0, 2.0, 1.0, 0.5) AS score "
                + "FROM collection_index_fts WHERE collection_index_fts MATCH ?) "
            filter.withArguments = [match.joined(separator: " AND ")]
            filter.from = "m JOIN collection_index_item i ON i.id = m.fid"
            filter.usesText = true
        }
        filter.add("i.username = ? AND i.list = ?", [username, list])
        let facets: [(String, [String])] = [
            ("genre", query.genres), ("style", query.styles), ("format", query.formats), ("label", query.label.map { [$0] } ?? []),
        ]
        for (facet, values) in facets {
            for value in values where !value.isEmpty {
                filter.add(
                    "i.id IN (SELECT item_id FROM collection_index_facet WHERE username = ? AND list = ? AND facet = ? AND key = ?)",
                    [username, list, facet, value.lowercased()]
                )
            }
        }
        if let from = query.yearFrom { filter.add("i.year >= ?", [from]) }
        if let to = query.yearTo { filter.add("i.year <= ?", [to]) }
        if query.yearFrom != nil || query.yearTo != nil { filter.add("i.year > 0", []) }
        if let folder = query.folderID, folder != 0 { filter.add("i.folder_id = ?", [folder]) }
        if let rating = query.minRating, rating > 0 { filter.add("i.rating >= ?", [rating]) }
        if let from = query.addedFrom { filter.add("i.date_added >= ?", [from]) }
        if let before = query.addedBefore { filter.add("i.date_added < ?", [before]) }
        if !query.releaseIDs.isEmpty {
            filter.add("i.release_id IN (\(Array(repeating: "?", count: query.releaseIDs.count).joined(separator: ",")))", query.releaseIDs)
        }
        if !query.excludingReleaseIDs.isEmpty {
            filter.add("i.release_id NOT IN (\(Array(repeating: "?", count: query.excludingReleaseIDs.count).joined(separator: ",")))", query.excludingReleaseIDs)
        }
        if let affinity = query.affinity, affinity.required, let score = affinityScore(affinity, username: username, list: list) {
            filter.add("(\(score.sql)) > 0", score.arguments)
        }
        return filter
    }

    /// The affinity score of row `i` as SQL, each term an indexed facet lookup.
    static func affinityScore(_ affinity: IndexQuery.Affinity, username: String, list: String) -> (sql: String, arguments: [any DatabaseValueConvertible])? {
        var terms: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for (facet, weight, values) in [("genre", 3, affinity.genres), ("style", 2, affinity.styles), ("artist", 2, affinity.artists)] where !values.isEmpty {
            let marks = Array(repeating: "?", count: values.count).joined(separator: ",")
            terms.append(
                "\(weight) * (SELECT count(*) FROM collection_index_facet a WHERE a.username = ? AND a.list = ? AND a.item_id = i.id AND a.facet = ? AND a.key IN (\(marks)))"
            )
            arguments += [username, list, facet] + values.map { $0.lowercased() as any DatabaseValueConvertible }
        }
        if let years = affinity.years {
            terms.append("(CASE WHEN i.year BETWEEN ? AND ? THEN 1 ELSE 0 END)")
            arguments += [years.lowerBound, years.upperBound]
        }
        return terms.isEmpty ? nil : (terms.joined(separator: " + "), arguments)
    }

    static func orderBy(_ query: IndexQuery, usesText: Bool) -> String {
        let descending = (query.order ?? defaultOrder(query.sort)) == .descending
        let direction = descending ? "DESC" : "ASC"
        switch query.sort {
        case .relevance where usesText:
            // bm25 is lower-is-better; weights: artist, title, label, catno, notes, tags.
            return "m.score \(descending ? "ASC" : "DESC"), i.date_added DESC, i.id"
        case .relevance, .added: return "i.date_added \(direction), i.id \(direction)"
        case .year: return "i.year \(direction), i.artist_sort, i.id"
        case .artist: return "i.artist_sort \(direction), i.year, i.id"
        case .title: return "i.title_sort \(direction), i.id"
        case .rating: return "i.rating \(direction), i.date_added DESC, i.id"
        case .affinity:
            guard let affinity = query.affinity,
                affinityScore(affinity, username: key(query.username), list: query.list.rawValue) != nil
            else { return "i.rating DESC, i.date_added DESC, i.id" }
            return "affinity \(direction), i.rating DESC, i.date_added DESC, i.id"
        }
    }

    static func defaultOrder(_ sort: IndexQuery.Sort) -> IndexQuery.Order {
        switch sort {
        case .artist, .title: .ascending
        case .relevance, .added, .year, .rating, .affinity: .descending
        }
    }

    public func search(_ query: IndexQuery) async throws -> IndexPage {
        try await pool.read { db in
            let filter = Self.filter(for: query)
            let order = Self.orderBy(query, usesText: filter.usesText)
            let total = try Int.fetchOne(db, sql: filter.with + "SELECT count(*) \(filter.sql)", arguments: StatementArguments(filter.withArguments + filter.arguments)) ?? 0
            let offset = (query.page - 1) * query.perPage
            guard offset < total else { return IndexPage(items: [], total: total, page: query.page, perPage: query.perPage) }
            var select = "i.*"
            var selectArguments: [any DatabaseValueConvertible] = []
            if query.sort == .affinity, let affinity = query.affinity,
                let score = Self.affinityScore(affinity, username: Self.key(query.username), list: query.list.rawValue)
            {
                select = "i.*, (\(score.sql)) AS affinity"
                selectArguments = score.arguments
            }
            let rows = try Row.fetchAll(
                db, sql: filter.with + "SELECT \(select) \(filter.sql) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: StatementArguments(filter.withArguments + selectArguments + filter.arguments + [query.perPage, offset])
            )
            return IndexPage(items: rows.map(Self.item(from:)), total: total, page: query.page, perPage: query.perPage)
        }
    }
}
