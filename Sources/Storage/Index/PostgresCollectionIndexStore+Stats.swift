import PostgresNIO

/// Aggregates and prefix completions, the same buckets and orders as the SQLite store's.
extension PostgresCollectionIndexStore {
    public func stats(username: String, list: IndexedList, top: Int) async throws -> IndexStats {
        let user = Self.key(username)
        let name = list.rawValue
        var stats = IndexStats()
        stats.total =
            try await database.scalar("SELECT count(*) FROM collection_index_item WHERE username = \(user) AND list = \(name)", as: Int.self) ?? 0
        stats.uniqueReleases =
            try await database.scalar(
                "SELECT count(DISTINCT release_id) FROM collection_index_item WHERE username = \(user) AND list = \(name)",
                as: Int.self
            ) ?? 0
        for facet in ["genre", "style", "format", "label", "artist"] {
            let rows = try await database.rows(
                """
                SELECT value, n, count(*) OVER () AS keys FROM (
                    SELECT min(value) AS value, count(*) AS n FROM collection_index_facet
                    WHERE username = \(user) AND list = \(name) AND facet = \(facet) GROUP BY key
                ) AS grouped ORDER BY n DESC, value LIMIT \(max(1, top))
                """
            ) { row in
                (
                    IndexStats.Bucket(value: try row["value"].decode(String.self), count: try row["n"].decode(Int.self)),
                    try row["keys"].decode(Int.self)
                )
            }
            stats.distinct[facet] = rows.first?.1 ?? 0
            let buckets = rows.map(\.0)
            switch facet {
            case "genre": stats.genres = buckets
            case "style": stats.styles = buckets
            case "format": stats.formats = buckets
            case "label": stats.labels = buckets
            default: stats.artists = buckets
            }
        }
        stats.decades = try await decades(user: user, list: name)
        stats.ratings = try await buckets(
            "SELECT rating::text AS value, count(*) AS n FROM collection_index_item WHERE username = \(user) AND list = \(name) GROUP BY rating ORDER BY rating"
        )
        stats.addedByMonth = try await buckets(
            """
            SELECT to_char(to_timestamp(date_added) AT TIME ZONE 'UTC', 'YYYY-MM') AS value, count(*) AS n FROM collection_index_item
            WHERE username = \(user) AND list = \(name) AND date_added IS NOT NULL GROUP BY 1 ORDER BY 1
            """
        )
        if list == .collection {
            stats.folders = try await buckets(
                """
                SELECT coalesce(min(f.name), 'Folder ' || i.folder_id) AS value, count(*) AS n FROM collection_index_item i
                LEFT JOIN collection_index_folder f ON f.username = i.username AND f.folder_id = i.folder_id
                WHERE i.username = \(user) AND i.list = \(name) GROUP BY i.folder_id ORDER BY n DESC, i.folder_id
                """
            )
        }
        return stats
    }

    /// "1970s" → count, "unknown" for rows without a year, in text order (grouped per year in SQL).
    func decades(user: String, list: String) async throws -> [IndexStats.Bucket] {
        let rows = try await database.rows(
            "SELECT year, count(*) AS n FROM collection_index_item WHERE username = \(user) AND list = \(list) GROUP BY year"
        ) {
            (try $0["year"].decode(Int?.self), try $0["n"].decode(Int.self))
        }
        var counts: [String: Int] = [:]
        for (year, count) in rows {
            counts[year.flatMap { $0 > 0 ? "\($0 / 10 * 10)s" : nil } ?? "unknown", default: 0] += count
        }
        return counts.sorted { $0.key < $1.key }.map { IndexStats.Bucket(value: $0.key, count: $0.value) }
    }

    func buckets(_ query: PostgresQuery) async throws -> [IndexStats.Bucket] {
        try await database.rows(query) { row in
            IndexStats.Bucket(value: try row["value"].decode(String?.self) ?? "", count: try row["n"].decode(Int.self))
        }
    }

    public func facetValues(
        username: String,
        list: IndexedList,
        facets: [String],
        prefix: String,
        limit: Int
    ) async throws -> IndexCompletions<String> {
        guard !facets.isEmpty else { return IndexCompletions(values: [], total: 0) }
        let low = prefix.lowercased()
        // Every key starting with `low` sorts between `low` and `low` + the highest code point (byte order).
        let high = low + "\u{10FFFF}"
        let rows = try await database.rows(
            """
            SELECT value, n, count(*) OVER () AS keys FROM (
                SELECT min(value) AS value, count(*) AS n FROM collection_index_facet
                WHERE username = \(Self.key(username)) AND list = \(list.rawValue) AND facet = ANY(\(facets)) AND key >= \(low) AND key < \(high)
                GROUP BY key
            ) AS grouped ORDER BY n DESC, value LIMIT \(max(1, limit))
            """
        ) { (try $0["value"].decode(String.self), try $0["keys"].decode(Int.self)) }
        return IndexCompletions(values: rows.map(\.0), total: rows.first?.1 ?? 0)
    }

    public func releaseIDs(username: String, prefix: String, limit: Int) async throws -> IndexCompletions<Int> {
        guard prefix.allSatisfy(\.isASCII), prefix.allSatisfy(\.isNumber), prefix.count <= 12 else { return IndexCompletions(values: [], total: 0) }
        let rows = try await database.rows(
            """
            SELECT release_id, count(*) OVER () AS ids FROM (
                SELECT DISTINCT release_id FROM collection_index_item
                WHERE username = \(Self.key(username)) AND left(release_id::text, \(prefix.count)::integer) = \(prefix)
            ) AS known ORDER BY release_id LIMIT \(max(1, limit))
            """
        ) { (try $0["release_id"].decode(Int.self), try $0["ids"].decode(Int.self)) }
        return IndexCompletions(values: rows.map(\.0), total: rows.first?.1 ?? 0)
    }
}
