import GRDB

/// Aggregates, each one `GROUP BY` on a covering index or a primary-key range of the facet table.
extension SQLiteCollectionIndexStore {
    public func stats(username: String, list: IndexedList, top: Int) async throws -> IndexStats {
        let user = Self.key(username)
        let limit = max(1, top)
        return try await pool.read { db in
            let arguments: StatementArguments = [user, list.rawValue]
            var stats = IndexStats()
            stats.total =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM collection_index_item WHERE username = ? AND list = ?", arguments: arguments) ?? 0
            stats.uniqueReleases =
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(DISTINCT release_id) FROM collection_index_item WHERE username = ? AND list = ?",
                    arguments: arguments
                ) ?? 0
            func facet(_ name: String) throws -> [IndexStats.Bucket] {
                let (buckets, keys) = try Self.facet(db, user: user, list: list, name: name, limit: limit)
                stats.distinct[name] = keys
                return buckets
            }
            stats.genres = try facet("genre")
            stats.styles = try facet("style")
            stats.formats = try facet("format")
            stats.labels = try facet("label")
            stats.artists = try facet("artist")
            stats.decades = try Self.decades(db, arguments: arguments)
            try Self.addItemBuckets(db, list: list, arguments: arguments, to: &stats)
            return stats
        }
    }

    /// The top `limit` values of facet `name` and the number of distinct keys, in one pass over the
    /// facet's primary-key range (rows per key are items per key: keys are unique per item).
    static func facet(_ db: GRDB.Database, user: String, list: IndexedList, name: String, limit: Int) throws -> ([IndexStats.Bucket], Int) {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT value, n, count(*) OVER () AS keys FROM (
                        SELECT min(value) AS value, count(*) AS n FROM collection_index_facet
                        WHERE username = ? AND list = ? AND facet = ? GROUP BY key
                    ) ORDER BY n DESC, value LIMIT ?
                    """
            ),
            arguments: [user, list.rawValue, name, limit]
        )
        return (rows.map { IndexStats.Bucket(value: $0["value"] ?? "", count: $0["n"]) }, rows.first?["keys"] ?? 0)
    }

    /// Ratings, additions per month and (for the collection) folders: `GROUP BY` over the item rows.
    static func addItemBuckets(_ db: GRDB.Database, list: IndexedList, arguments: StatementArguments, to stats: inout IndexStats) throws {
        stats.ratings = try Self.buckets(
            db,
            sql:
                "SELECT CAST(rating AS TEXT) AS value, count(*) AS n FROM collection_index_item WHERE username = ? AND list = ? GROUP BY rating ORDER BY rating",
            arguments: arguments
        )
        stats.addedByMonth = try Self.buckets(
            db,
            sql: """
                SELECT strftime('%Y-%m', date_added, 'unixepoch') AS value, count(*) AS n FROM collection_index_item
                WHERE username = ? AND list = ? AND date_added IS NOT NULL GROUP BY value ORDER BY value
                """,
            arguments: arguments
        )
        if list == .collection {
            stats.folders = try Self.buckets(
                db,
                sql: """
                    SELECT coalesce(f.name, 'Folder ' || i.folder_id) AS value, count(*) AS n FROM collection_index_item i
                    LEFT JOIN collection_index_folder f ON f.username = i.username AND f.folder_id = i.folder_id
                    WHERE i.username = ? AND i.list = ? GROUP BY i.folder_id ORDER BY n DESC
                    """,
                arguments: arguments
            )
        }
    }

    /// "1970s" → count, "unknown" for rows without a year, in text order.
    ///
    /// Grouped per year in SQL (a walk of the year index, no expression per row), per decade here:
    /// a few dozen groups instead of a string built for every row.
    static func decades(_ db: GRDB.Database, arguments: StatementArguments) throws -> [IndexStats.Bucket] {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT year, count(*) AS n FROM collection_index_item WHERE username = ? AND list = ? GROUP BY year"),
            arguments: arguments
        )
        var counts: [String: Int] = [:]
        for row in rows {
            let year: Int? = row["year"]
            let decade = year.flatMap { $0 > 0 ? "\($0 / 10 * 10)s" : nil } ?? "unknown"
            counts[decade, default: 0] += row["n"] as Int
        }
        return counts.sorted { $0.key < $1.key }.map { IndexStats.Bucket(value: $0.key, count: $0.value) }
    }

    static func buckets(_ db: GRDB.Database, sql: String, arguments: StatementArguments) throws -> [IndexStats.Bucket] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { IndexStats.Bucket(value: $0["value"] ?? "", count: $0["n"]) }
    }
}
