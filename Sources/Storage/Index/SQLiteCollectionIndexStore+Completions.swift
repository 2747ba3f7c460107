import GRDB

/// Prefix lookups for argument completion: primary-key ranges, so a 10,000-item index answers in
/// well under the 10 ms a person typing can wait.
extension SQLiteCollectionIndexStore {
    public func facetValues(
        username: String,
        list: IndexedList,
        facets: [String],
        prefix: String,
        limit: Int
    ) async throws -> IndexCompletions<String> {
        guard !facets.isEmpty else { return IndexCompletions(values: [], total: 0) }
        let user = Self.key(username)
        let low = prefix.lowercased()
        // Every key starting with `low` sorts between `low` and `low` + the highest code point.
        let high = low + "\u{10FFFF}"
        let marks = Array(repeating: "?", count: facets.count).joined(separator: ",")
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT value, n, count(*) OVER () AS keys FROM (
                        SELECT min(value) AS value, count(*) AS n FROM collection_index_facet
                        WHERE username = ? AND list = ? AND facet IN (\(marks)) AND key >= ? AND key < ? GROUP BY key
                    ) ORDER BY n DESC, value LIMIT ?
                    """,
                arguments: StatementArguments([user, list.rawValue] + facets + [low, high, max(1, limit)])
            )
            return IndexCompletions(values: rows.map { $0["value"] ?? "" }, total: rows.first?["keys"] ?? 0)
        }
    }

    public func releaseIDs(username: String, prefix: String, limit: Int) async throws -> IndexCompletions<Int> {
        guard prefix.allSatisfy(\.isASCII), prefix.allSatisfy(\.isNumber), prefix.count <= 12 else { return IndexCompletions(values: [], total: 0) }
        let user = Self.key(username)
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT release_id, count(*) OVER () AS ids FROM (
                        SELECT DISTINCT release_id FROM collection_index_item
                        WHERE username = ? AND substr(CAST(release_id AS TEXT), 1, ?) = ?
                    ) ORDER BY release_id LIMIT ?
                    """,
                arguments: [user, prefix.count, prefix, max(1, limit)]
            )
            return IndexCompletions(values: rows.map { $0["release_id"] }, total: rows.first?["ids"] ?? 0)
        }
    }
}

/// Values that complete a prefix, and how many match in all.
public struct IndexCompletions<Value: Sendable & Hashable>: Sendable, Hashable {
    public var values: [Value]
    public var total: Int

    public init(values: [Value], total: Int) {
        self.values = values
        self.total = total
    }
}
