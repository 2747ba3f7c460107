import Foundation
import GRDB

/// The change log the item table's triggers write: reading it, labelling our own writes, pruning it.
extension SQLiteCollectionIndexStore {
    public func activity(_ query: IndexActivityQuery) async throws -> IndexActivityPage {
        try await pool.read { db in
            var conditions = ["e.username = ?"]
            var values: [DatabaseValue] = [Self.key(query.username).databaseValue]
            if let since = query.since {
                conditions.append("e.at >= ?")
                values.append(since.databaseValue)
            }
            if let until = query.until {
                conditions.append("e.at < ?")
                values.append(until.databaseValue)
            }
            let inRange = conditions.joined(separator: " AND ")
            var counts: [IndexActivityEvent.Kind: Int] = [:]
            let countRows = try Row.fetchAll(
                db,
                sql: "SELECT kind, count(*) AS n FROM collection_index_event e WHERE \(inRange) GROUP BY kind",
                arguments: StatementArguments(values)
            )
            for row in countRows { if let kind = IndexActivityEvent.Kind(rawValue: row["kind"]) { counts[kind] = row["n"] } }
            if !query.kinds.isEmpty {
                conditions.append("e.kind IN (\(query.kinds.map { _ in "?" }.joined(separator: ",")))")
                values += query.kinds.map(\.rawValue.databaseValue).sorted { "\($0)" < "\($1)" }
            }
            let selected = conditions.joined(separator: " AND ")
            let total =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM collection_index_event e WHERE \(selected)", arguments: StatementArguments(values))
                ?? 0
            // The current row names a release our own write added as a placeholder.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.*, i.title AS now_title, i.artist AS now_artist, i.placeholder AS now_placeholder
                    FROM collection_index_event e
                    LEFT JOIN collection_index_item i ON i.username = e.username AND i.list = e.list AND i.instance_id = e.instance_id
                    WHERE \(selected) ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(values + [query.limit.databaseValue, query.offset.databaseValue])
            )
            let oldest = try Double.fetchOne(
                db,
                sql: "SELECT min(at) FROM collection_index_event WHERE username = ?",
                arguments: [Self.key(query.username)]
            )
            return IndexActivityPage(events: rows.map(Self.event(from:)), total: total, counts: counts, oldestKept: oldest)
        }
    }

    static func event(from row: Row) -> IndexActivityEvent {
        let current = (row["now_placeholder"] as Bool?) == false
        return IndexActivityEvent(
            id: row["id"],
            list: IndexedList(rawValue: row["list"]) ?? .collection,
            kind: IndexActivityEvent.Kind(rawValue: row["kind"]) ?? .added,
            at: row["at"],
            instanceID: row["instance_id"],
            releaseID: row["release_id"],
            title: current ? row["now_title"] : row["title"],
            artist: current ? row["now_artist"] : row["artist"],
            dateAdded: row["date_added"],
            folderFrom: row["folder_from"],
            folderTo: row["folder_to"],
            ratingFrom: row["rating_from"],
            ratingTo: row["rating_to"],
            source: IndexActivityEvent.Source(rawValue: row["source"]) ?? .discogs
        )
    }

    public func lastActivityID() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM collection_index_event") ?? 0 }
    }

    public func labelOwnActivity(username: String, instanceID: Int, after id: Int64) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE collection_index_event SET source = 'server' WHERE username = ? AND instance_id = ? AND id > ?",
                arguments: [Self.key(username), instanceID, id]
            )
        }
    }

    public func pruneActivity(username: String, before: Double, keeping: Int) async throws {
        try await pool.write { db in
            let user = Self.key(username)
            try db.execute(sql: "DELETE FROM collection_index_event WHERE username = ? AND at < ?", arguments: [user, before])
            try db.execute(
                sql: """
                    DELETE FROM collection_index_event WHERE username = ? AND id < (
                        SELECT id FROM collection_index_event WHERE username = ? ORDER BY id DESC LIMIT 1 OFFSET ?)
                    """,
                arguments: [user, user, max(keeping, 1) - 1]
            )
        }
    }
}
