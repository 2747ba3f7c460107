import PostgresNIO

/// Search: one count and one page, the planner choosing between the GIN, facet and sort indexes.
///
/// Orders match SQLite's exactly: text sorts compare bytes (`COLLATE "C"` columns) and NULLs sort
/// first ascending, last descending, as SQLite places them; relevance ranks by `ts_rank` with the
/// FTS5 columns' weights (see `PostgresSearchText`), best first.
extension PostgresCollectionIndexStore {
    public func search(_ query: IndexQuery) async throws -> IndexPage {
        let total = try await database.scalar(Self.countQuery(query), as: Int.self) ?? 0
        let (offset, overflow) = (query.page - 1).multipliedReportingOverflow(by: query.perPage)
        guard !overflow, offset < total else { return IndexPage(items: [], total: total, page: query.page, perPage: query.perPage) }
        let items = try await database.rows(Self.pageQuery(query, offset: offset), Self.item(from:))
        return IndexPage(items: items, total: total, page: query.page, perPage: query.perPage)
    }

    static func countQuery(_ query: IndexQuery) -> PostgresQuery {
        var sql = PostgresSQL()
        let conditions = where_(query, &sql)
        let text = "SELECT count(*) FROM collection_index_item i WHERE \(conditions)"
        return sql.query(text)
    }

    static func pageQuery(_ query: IndexQuery, offset: Int) -> PostgresQuery {
        var sql = PostgresSQL()
        var select = "i.*"
        var order = orderBy(query)
        if query.sort == .relevance, let text = textQuery(query) {
            let descending = (query.order ?? .descending) == .descending
            select += ", ts_rank('\(PostgresSearchText.rankWeights)'::float4[], i.search, \(sql.bind(text))::tsquery) AS score"
            order = "score \(descending ? "DESC" : "ASC"), i.date_added DESC NULLS LAST, i.id"
        } else if query.sort == .affinity, let affinity = query.affinity, let score = affinityScore(affinity, query, &sql) {
            select += ", (\(score)) AS affinity"
        }
        let conditions = where_(query, &sql)
        let limit = "LIMIT \(sql.bind(query.perPage)) OFFSET \(sql.bind(offset))"
        let text = "SELECT \(select) FROM collection_index_item i WHERE \(conditions) ORDER BY \(order) \(limit)"
        return sql.query(text)
    }

    /// The `tsquery` text for `text` and `artist` together, or nil without either.
    static func textQuery(_ query: IndexQuery) -> String? {
        let parts = [query.text.flatMap { PostgresSearchText.query($0) }, query.artist.flatMap { PostgresSearchText.query($0, artistOnly: true) }]
            .compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " & ")
    }

    /// Every condition of `query` on the item row `i`, binding its values into `sql`.
    static func where_(_ query: IndexQuery, _ sql: inout PostgresSQL) -> String {
        var conditions = ["i.username = \(sql.bind(key(query.username)))", "i.list = \(sql.bind(query.list.rawValue))"]
        if let text = textQuery(query) { conditions.append("i.search @@ \(sql.bind(text))::tsquery") }
        let facets: [(String, [String])] = [
            ("label", query.label.map { [$0] } ?? []), ("style", query.styles), ("genre", query.genres), ("format", query.formats),
        ]
        for (facet, values) in facets {
            for value in values where !value.isEmpty {
                conditions.append(
                    """
                    EXISTS (SELECT 1 FROM collection_index_facet f WHERE f.username = i.username AND f.list = i.list
                        AND f.facet = \(sql.bind(facet)) AND f.key = \(sql.bind(value.lowercased())) AND f.item_id = i.id)
                    """
                )
            }
        }
        if let from = query.yearFrom { conditions.append("i.year >= \(sql.bind(from))") }
        if let to = query.yearTo { conditions.append("i.year <= \(sql.bind(to))") }
        if query.yearFrom != nil || query.yearTo != nil { conditions.append("i.year > 0") }
        if let folder = query.folderID, folder != 0 { conditions.append("i.folder_id = \(sql.bind(folder))") }
        if let rating = query.minRating, rating > 0 { conditions.append("i.rating >= \(sql.bind(rating))") }
        if let from = query.addedFrom { conditions.append("i.date_added >= \(sql.bind(from))") }
        if let before = query.addedBefore { conditions.append("i.date_added < \(sql.bind(before))") }
        if !query.releaseIDs.isEmpty { conditions.append("i.release_id = ANY(\(sql.bind(query.releaseIDs)))") }
        if !query.excludingReleaseIDs.isEmpty { conditions.append("NOT (i.release_id = ANY(\(sql.bind(query.excludingReleaseIDs))))") }
        if let affinity = query.affinity, affinity.required, let score = affinityScore(affinity, query, &sql) {
            conditions.append("(\(score)) > 0")
        }
        return conditions.joined(separator: " AND ")
    }

    /// The affinity score of row `i` (genre 3, style 2, artist 2 per matching value, era 1), or nil without preferences.
    static func affinityScore(_ affinity: IndexQuery.Affinity, _ query: IndexQuery, _ sql: inout PostgresSQL) -> String? {
        var terms: [String] = []
        for (facet, weight, values) in [("genre", 3, affinity.genres), ("style", 2, affinity.styles), ("artist", 2, affinity.artists)]
        where !values.isEmpty {
            terms.append(
                """
                \(weight) * (SELECT count(*) FROM collection_index_facet a WHERE a.username = i.username AND a.list = i.list AND a.item_id = i.id
                    AND a.facet = \(sql.bind(facet)) AND a.key = ANY(\(sql.bind(values.map { $0.lowercased() }))))
                """
            )
        }
        if let years = affinity.years {
            terms.append("(CASE WHEN i.year BETWEEN \(sql.bind(years.lowerBound)) AND \(sql.bind(years.upperBound)) THEN 1 ELSE 0 END)")
        }
        return terms.isEmpty ? nil : terms.joined(separator: " + ")
    }

    /// The ORDER BY for sorts other than relevance with text (which ranks by score).
    static func orderBy(_ query: IndexQuery) -> String {
        let descending = (query.order ?? SQLiteCollectionIndexStore.defaultOrder(query.sort)) == .descending
        // SQLite puts NULL below every value: first ascending, last descending.
        let direction = descending ? "DESC NULLS LAST" : "ASC NULLS FIRST"
        switch query.sort {
        case .relevance, .added: return "i.date_added \(direction), i.id \(descending ? "DESC" : "ASC")"
        case .year: return "i.year \(direction), i.artist_sort, i.id"
        case .artist: return "i.artist_sort \(direction), i.year NULLS FIRST, i.id"
        case .title: return "i.title_sort \(direction), i.id"
        case .rating: return "i.rating \(direction), i.date_added DESC NULLS LAST, i.id"
        case .affinity:
            guard let affinity = query.affinity,
                !affinity.genres.isEmpty || !affinity.styles.isEmpty || !affinity.artists.isEmpty || affinity.years != nil
            else { return "i.rating DESC, i.date_added DESC NULLS LAST, i.id" }
            return "affinity \(descending ? "DESC" : "ASC"), i.rating DESC, i.date_added DESC NULLS LAST, i.id"
        }
    }
}

/// SQL text with its `$n` parameters, built piece by piece for queries whose shape varies.
struct PostgresSQL {
    var bindings = PostgresBindings()

    /// Appends `value` as the next parameter and returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    func query(_ text: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: text, binds: bindings)
    }
}
