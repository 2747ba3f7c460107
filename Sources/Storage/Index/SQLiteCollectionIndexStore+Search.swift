import GRDB

/// Search: one SQL statement for the total and one for the page, both on indexes.
extension SQLiteCollectionIndexStore {
    /// The `FROM … WHERE …` part of a query and its arguments.
    struct Filter {
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
            // Joining the FTS table first lets SQLite drive the query from the (small) match set.
            filter.from = "collection_index_fts f JOIN collection_index_item i ON i.id = f.rowid"
            filter.add("collection_index_fts MATCH ?", [match.joined(separator: " AND ")])
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
        return filter
    }

    static func orderBy(_ query: IndexQuery, usesText: Bool) -> String {
        let descending = (query.order ?? defaultOrder(query.sort)) == .descending
        let direction = descending ? "DESC" : "ASC"
        switch query.sort {
        case .relevance where usesText:
            // bm25 is lower-is-better; weights: artist, title, label, catno, notes, tags.
            return "bm25(collection_index_fts, 8.0, 5.0, 2.0, 2.0, 1.0, 0.5) \(descending ? "ASC" : "DESC"), i.date_added DESC, i.id"
        case .relevance, .added: return "i.date_added \(direction), i.id \(direction)"
        case .year: return "i.year \(direction), i.artist_sort, i.id"
        case .artist: return "i.artist_sort \(direction), i.year, i.id"
        case .title: return "i.title_sort \(direction), i.id"
        case .rating: return "i.rating \(direction), i.date_added DESC, i.id"
        }
    }

    static func defaultOrder(_ sort: IndexQuery.Sort) -> IndexQuery.Order {
        switch sort {
        case .artist, .title: .ascending
        case .relevance, .added, .year, .rating: .descending
        }
    }

    public func search(_ query: IndexQuery) async throws -> IndexPage {
        try await pool.read { db in
            let filter = Self.filter(for: query)
            let order = Self.orderBy(query, usesText: filter.usesText)
            let total = try Int.fetchOne(db, sql: "SELECT count(*) \(filter.sql)", arguments: StatementArguments(filter.arguments)) ?? 0
            let offset = (query.page - 1) * query.perPage
            guard offset < total else { return IndexPage(items: [], total: total, page: query.page, perPage: query.perPage) }
            let rows = try Row.fetchAll(
                db, sql: "SELECT i.* \(filter.sql) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: StatementArguments(filter.arguments + [query.perPage, offset])
            )
            return IndexPage(items: rows.map(Self.item(from:)), total: total, page: query.page, perPage: query.perPage)
        }
    }
}
