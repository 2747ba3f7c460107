import Foundation
import PostgresNIO

/// The change log on PostgreSQL: the same contract as `SQLiteCollectionIndexStore+Activity`, over the
/// table the item trigger writes (see `PostgresMigrations.collectionIndexActivity`).
extension PostgresCollectionIndexStore {
    public func activity(_ query: IndexActivityQuery) async throws -> IndexActivityPage {
        var counts: [IndexActivityEvent.Kind: Int] = [:]
        let perKind = Self.selection(query, kinds: [], columns: "e.kind, count(*)::bigint AS n", tail: "GROUP BY e.kind")
        for (kind, count) in try await database.rows(perKind, { (try $0["kind"].decode(String.self), try $0["n"].decode(Int64.self)) }) {
            if let kind = IndexActivityEvent.Kind(rawValue: kind) { counts[kind] = Int(count) }
        }
        // The selection's size follows from the counts per kind in the same range.
        let total = query.kinds.isEmpty ? counts.values.reduce(0, +) : query.kinds.reduce(0) { $0 + counts[$1, default: 0] }
        let page = Self.selection(
            query,
            kinds: query.kinds.map(\.rawValue).sorted(),
            columns: "e.*, i.title AS now_title, i.artist AS now_artist, i.placeholder AS now_placeholder",
            tail: "ORDER BY e.at DESC, e.id DESC LIMIT \(max(query.limit, 0)) OFFSET \(max(query.offset, 0))"
        )
        let events = try await database.rows(page, Self.event(from:))
        let oldest =
            try await database.scalar(
                "SELECT min(at) FROM collection_index_event WHERE username = \(Self.key(query.username))",
                as: Double?.self
            ) ?? nil
        return IndexActivityPage(events: events, total: total, counts: counts, oldestKept: oldest)
    }

    /// `SELECT columns … tail` over the events of `query`'s user and time range (only `kinds`, unless
    /// empty), each joined to its item's current row as `i`. `columns` and `tail` are this file's own text.
    static func selection(_ query: IndexActivityQuery, kinds: [String], columns: String, tail: String) -> PostgresQuery {
        """
        SELECT \(unescaped: columns) FROM collection_index_event e
        LEFT JOIN collection_index_item i ON i.username = e.username AND i.list = e.list AND i.instance_id = e.instance_id
        WHERE e.username = \(key(query.username)) AND (\(query.since)::double precision IS NULL OR e.at >= \(query.since))
            AND (\(query.until)::double precision IS NULL OR e.at < \(query.until))
            AND (cardinality(\(kinds)::text[]) = 0 OR e.kind = ANY(\(kinds)::text[]))
        \(unescaped: tail)
        """
    }

    static func event(from row: PostgresRandomAccessRow) throws -> IndexActivityEvent {
        let current = try row["now_placeholder"].decode(Bool?.self) == false
        func int(_ column: String) throws -> Int? { try row[column].decode(Int64?.self).map(Int.init) }
        return IndexActivityEvent(
            id: try row["id"].decode(Int64.self),
            list: IndexedList(rawValue: try row["list"].decode(String.self)) ?? .collection,
            kind: IndexActivityEvent.Kind(rawValue: try row["kind"].decode(String.self)) ?? .added,
            at: try row["at"].decode(Double.self),
            instanceID: Int(try row["instance_id"].decode(Int64.self)),
            releaseID: Int(try row["release_id"].decode(Int64.self)),
            title: current ? try row["now_title"].decode(String.self) : try row["title"].decode(String.self),
            artist: current ? try row["now_artist"].decode(String.self) : try row["artist"].decode(String.self),
            dateAdded: try row["date_added"].decode(Double?.self),
            folderFrom: try int("folder_from"),
            folderTo: try int("folder_to"),
            ratingFrom: try row["rating_from"].decode(Int32?.self).map(Int.init),
            ratingTo: try row["rating_to"].decode(Int32?.self).map(Int.init),
            source: IndexActivityEvent.Source(rawValue: try row["source"].decode(String.self)) ?? .discogs
        )
    }

    public func lastActivityID() async throws -> Int64 {
        try await database.scalar("SELECT coalesce(max(id), 0)::bigint FROM collection_index_event", as: Int64.self) ?? 0
    }

    public func labelOwnActivity(username: String, instanceID: Int, after id: Int64) async throws {
        try await database.client.query(
            "UPDATE collection_index_event SET source = 'server' WHERE username = \(Self.key(username)) AND instance_id = \(instanceID) AND id > \(id)",
            logger: logger
        )
    }

    public func pruneActivity(username: String, before: Double, keeping: Int) async throws {
        let user = Self.key(username)
        try await database.client.withTransaction(logger: logger) { connection in
            try await connection.query("DELETE FROM collection_index_event WHERE username = \(user) AND at < \(before)", logger: logger)
            try await connection.query(
                """
                DELETE FROM collection_index_event WHERE username = \(user) AND id < (
                    SELECT id FROM collection_index_event WHERE username = \(user) ORDER BY id DESC LIMIT 1 OFFSET \(max(keeping, 1) - 1))
                """,
                logger: logger
            )
        }
    }
}
