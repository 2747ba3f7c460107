import GRDB

/// Search: a count and a page, each driven by the smallest indexed set that answers it.
extension SQLiteCollectionIndexStore {
    /// The affinity score of row `i` as SQL, each term an indexed facet lookup.
    static func affinityScore(
        _ affinity: IndexQuery.Affinity,
        username: String,
        list: String
    ) -> (sql: String, arguments: [any DatabaseValueConvertible])? {
        var terms: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for (facet, weight, values) in [("genre", 3, affinity.genres), ("style", 2, affinity.styles), ("artist", 2, affinity.artists)]
        where !values.isEmpty {
            terms.append(
                "\(weight) * (SELECT count(*) FROM collection_index_facet a WHERE a.username = ? AND a.list = ? AND a.item_id = i.id AND a.facet = ? AND a.key IN (\(SearchPlan.marks(values.count))))"
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

    /// Which set drives the page's rows.
    ///
    /// Walking the sort column's index stops after the page, so it wins when matches are dense:
    /// it reads about `(offset + perPage) × rows / total` rows against `total` for the candidates.
    /// Sorts by score or affinity have no index and always sort the candidates.
    static func drive(_ query: IndexQuery, plan: SearchPlan, total: Int, offset: Int, db: GRDB.Database) throws -> SearchPlan.Drive {
        let indexed = query.sort != .affinity && !(query.sort == .relevance && plan.match != nil)
        guard indexed, plan.match != nil || !plan.facets.isEmpty, total > 200 else { return .candidates }
        let rows =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM collection_index_item WHERE username = ? AND list = ?"),
                arguments: [plan.username, plan.list]
            ) ?? 0
        return (offset + query.perPage) * rows < total * total ? .sortIndex : .candidates
    }

    static func statement(_ db: GRDB.Database, sql: String, cached: Bool) throws -> Statement {
        cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    public func search(_ query: IndexQuery) async throws -> IndexPage {
        try await pool.read { db in
            let plan = SearchPlan(query)
            let count = plan.countSQL()
            let total =
                try Int.fetchOne(Self.statement(db, sql: count.sql, cached: plan.isCacheable), arguments: StatementArguments(count.arguments)) ?? 0
            // `page` comes from a tool argument: a product that overflows is simply past the end.
            let (offset, overflow) = (query.page - 1).multipliedReportingOverflow(by: query.perPage)
            guard !overflow, offset < total else { return IndexPage(items: [], total: total, page: query.page, perPage: query.perPage) }
            let drive = try Self.drive(query, plan: plan, total: total, offset: offset, db: db)
            let scored = drive == .candidates && query.sort == .relevance && plan.match != nil
            let with = plan.with(scored: scored)
            let from = plan.from(drive)
            var select = "i.*"
            var selectArguments: [any DatabaseValueConvertible] = []
            if query.sort == .affinity, let affinity = query.affinity,
                let score = Self.affinityScore(affinity, username: plan.username, list: plan.list)
            {
                select = "i.*, (\(score.sql)) AS affinity"
                selectArguments = score.arguments
            }
            let order = Self.orderBy(query, usesText: plan.match != nil)
            let sql = with.sql + "SELECT \(select) \(from.sql) ORDER BY \(order) LIMIT ? OFFSET ?"
            let rows = try Row.fetchAll(
                Self.statement(db, sql: sql, cached: plan.isCacheable),
                arguments: StatementArguments(with.arguments + selectArguments + from.arguments + [query.perPage, offset])
            )
            return IndexPage(items: rows.map(Self.item(from:)), total: total, page: query.page, perPage: query.perPage)
        }
    }
}
