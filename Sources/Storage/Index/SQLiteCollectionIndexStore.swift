import Foundation
import GRDB

/// The SQLite collection index: rows, facet rows and FTS5 text kept in step in one transaction.
public struct SQLiteCollectionIndexStore: CollectionIndexStore {
    let pool: DatabasePool

    public init(database: Database) {
        self.pool = database.pool
    }

    /// Multi-valued columns are stored joined by the ASCII unit separator, which no Discogs text contains.
    static let separator = "\u{1F}"

    static func key(_ username: String) -> String { username.lowercased() }

    // MARK: Sync state

    public func syncState(username: String, list: IndexedList) async throws -> IndexSyncState? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM collection_index_sync WHERE username = ? AND list = ?",
                arguments: [Self.key(username), list.rawValue]
            )
            .map(Self.syncState(from:))
        }
    }

    public func allSyncStates() async throws -> [IndexSyncState] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM collection_index_sync ORDER BY username, list").map(Self.syncState(from:))
        }
    }

    public func saveSyncState(_ state: IndexSyncState) async throws {
        try await pool.write { db in try Self.save(state, db) }
    }

    static func syncState(from row: Row) -> IndexSyncState {
        IndexSyncState(
            username: row["username"],
            list: IndexedList(rawValue: row["list"]) ?? .collection,
            generation: row["generation"],
            nextPage: row["next_page"],
            remoteTotal: row["remote_total"],
            hasCompleted: row["has_completed"],
            fullSyncedAt: row["full_synced_at"],
            refreshedAt: row["refreshed_at"],
            lastError: row["last_error"]
        )
    }

    static func save(_ state: IndexSyncState, _ db: GRDB.Database) throws {
        try db.execute(
            sql: """
                INSERT INTO collection_index_sync (username, list, generation, next_page, remote_total, has_completed, full_synced_at, refreshed_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (username, list) DO UPDATE SET generation = excluded.generation, next_page = excluded.next_page,
                    remote_total = excluded.remote_total, has_completed = excluded.has_completed, full_synced_at = excluded.full_synced_at,
                    refreshed_at = excluded.refreshed_at, last_error = excluded.last_error
                """,
            arguments: [
                key(state.username), state.list.rawValue, state.generation, state.nextPage, state.remoteTotal, state.hasCompleted,
                state.fullSyncedAt, state.refreshedAt, state.lastError,
            ]
        )
    }

    // MARK: Writes

    public func upsert(_ items: [IndexedItem], username: String, list: IndexedList, generation: Int, state: IndexSyncState?) async throws {
        try await pool.write { db in
            for item in items { try Self.write(item, username: Self.key(username), list: list, generation: generation, db) }
            if let state { try Self.save(state, db) }
        }
    }

    static func write(_ item: IndexedItem, username: String, list: IndexedList, generation: Int, _ db: GRDB.Database) throws {
        let item = item.storable
        let fields = String(
            decoding: (try? JSONEncoder().encode(Dictionary(uniqueKeysWithValues: item.fieldValues.map { (String($0.key), $0.value) })))
                ?? Data("{}".utf8),
            as: UTF8.self
        )
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO collection_index_item (username, list, instance_id, release_id, master_id, folder_id, rating, date_added,
                    artist, artist_sort, artists, title, title_sort, labels, catnos, formats, format_display, genres, styles, year, country,
                    field_values, notes, thumb, placeholder, sync_generation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (username, list, instance_id) DO UPDATE SET release_id = excluded.release_id, master_id = excluded.master_id,
                    folder_id = excluded.folder_id, rating = excluded.rating, date_added = excluded.date_added, artist = excluded.artist,
                    artist_sort = excluded.artist_sort, artists = excluded.artists, title = excluded.title, title_sort = excluded.title_sort,
                    labels = excluded.labels, catnos = excluded.catnos, formats = excluded.formats, format_display = excluded.format_display,
                    genres = excluded.genres, styles = excluded.styles, year = excluded.year,
                    country = coalesce(excluded.country, collection_index_item.country), field_values = excluded.field_values,
                    notes = excluded.notes, thumb = excluded.thumb, placeholder = excluded.placeholder, sync_generation = excluded.sync_generation
                RETURNING id
                """
        )
        let arguments: StatementArguments = [
            username, list.rawValue, item.instanceID, item.releaseID, item.masterID, item.folderID, item.rating, item.dateAdded,
            item.artistDisplay, sortKey(item.artistDisplay), item.artists.joined(separator: separator), item.title, sortKey(item.title),
            item.labels.joined(separator: separator), item.catnos.joined(separator: separator), item.formats.joined(separator: separator),
            item.formatDisplay, item.genres.joined(separator: separator), item.styles.joined(separator: separator), item.year, item.country,
            fields, item.notes, item.thumb, item.isPlaceholder, generation,
        ]
        guard let id = try Int64.fetchOne(upsert, arguments: arguments) else { return }
        try reindex(id: id, item: item, username: username, list: list, db)
    }

    /// Rewrites the FTS and facet rows of one item.
    static func reindex(id: Int64, item: IndexedItem, username: String, list: IndexedList, _ db: GRDB.Database) throws {
        let item = item.storable
        try db.cachedStatement(sql: "DELETE FROM collection_index_fts WHERE rowid = ?").execute(arguments: [id])
        let tags = (item.genres + item.styles + item.formats + [item.year.map(String.init) ?? "", item.country ?? ""]).joined(separator: " ")
        try db.cachedStatement(sql: "INSERT INTO collection_index_fts (rowid, artist, title, label, catno, notes, tags) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [
                id, item.artists.joined(separator: " ") + " " + item.artistDisplay, item.title, item.labels.joined(separator: " "),
                item.catnos.joined(separator: " "), item.notes, tags,
            ])
        try db.cachedStatement(sql: "DELETE FROM collection_index_facet WHERE item_id = ?").execute(arguments: [id])
        let insert = try db.cachedStatement(
            sql: "INSERT INTO collection_index_facet (item_id, username, list, facet, value, key) VALUES (?, ?, ?, ?, ?, ?)"
        )
        let facets: [(String, [String])] = [
            ("genre", item.genres), ("style", item.styles), ("format", item.formats), ("label", item.labels), ("artist", item.artists),
        ]
        for (facet, values) in facets {
            var seen = Set<String>()
            for value in values where !value.isEmpty && seen.insert(value.lowercased()).inserted {
                try insert.execute(arguments: [id, username, list.rawValue, facet, value, value.lowercased()])
            }
        }
    }

    /// Case- and article-insensitive sort key ("The Beatles" sorts under B).
    static func sortKey(_ text: String) -> String {
        let lowered = text.lowercased()
        return lowered.hasPrefix("the ") ? String(lowered.dropFirst(4)) : lowered
    }

    public func removeUnseen(username: String, list: IndexedList, generation: Int) async throws -> Int {
        try await delete(
            where: "username = ? AND list = ? AND sync_generation < ?",
            [Self.key(username).databaseValue, list.rawValue.databaseValue, generation.databaseValue]
        )
    }

    public func removeItems(username: String, list: IndexedList, instanceIDs: [Int]) async throws -> Int {
        guard !instanceIDs.isEmpty else { return 0 }
        let marks = Array(repeating: "?", count: instanceIDs.count).joined(separator: ",")
        let values = [Self.key(username).databaseValue, list.rawValue.databaseValue] + instanceIDs.map(\.databaseValue)
        return try await delete(where: "username = ? AND list = ? AND instance_id IN (\(marks))", values)
    }

    public func removeFolderItems(username: String, folderID: Int, keeping: Set<Int>) async throws -> Int {
        let present = try await pool.read { db in
            try Int.fetchAll(
                db,
                sql: "SELECT instance_id FROM collection_index_item WHERE username = ? AND list = 'collection' AND folder_id = ?",
                arguments: [Self.key(username), folderID]
            )
        }
        return try await removeItems(username: username, list: .collection, instanceIDs: present.filter { !keeping.contains($0) })
    }

    private func delete(where condition: String, _ values: [DatabaseValue]) async throws -> Int {
        try await pool.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM collection_index_item WHERE \(condition)", arguments: StatementArguments(values))
            for id in ids {
                try db.cachedStatement(sql: "DELETE FROM collection_index_fts WHERE rowid = ?").execute(arguments: [id])
                try db.cachedStatement(sql: "DELETE FROM collection_index_item WHERE id = ?").execute(arguments: [id])
            }
            return ids.count
        }
    }
}
