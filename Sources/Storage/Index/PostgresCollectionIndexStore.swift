import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL collection index: rows, facet rows and the `tsvector` kept in step in one transaction.
///
/// The same contract as `SQLiteCollectionIndexStore` (the index contract tests run against both);
/// text search is a `tsvector` column under a GIN index (see `PostgresSearchText`). A batch of
/// items is written in four statements whatever its size: the rows travel as one JSON document
/// that `jsonb_to_recordset` expands, so a 100-item sync page costs four round trips, not 300.
public struct PostgresCollectionIndexStore: CollectionIndexStore {
    let database: PostgresStorage
    var logger: Logger { database.logger }

    public init(database: PostgresStorage) {
        self.database = database
    }

    static func key(_ username: String) -> String { username.lowercased() }

    // MARK: Sync state

    public func syncState(username: String, list: IndexedList) async throws -> IndexSyncState? {
        try await database.rows(
            "SELECT * FROM collection_index_sync WHERE username = \(Self.key(username)) AND list = \(list.rawValue)",
            Self.syncState(from:)
        ).first
    }

    public func allSyncStates() async throws -> [IndexSyncState] {
        try await database.rows("SELECT * FROM collection_index_sync ORDER BY username, list", Self.syncState(from:))
    }

    public func saveSyncState(_ state: IndexSyncState) async throws {
        try await database.client.query(Self.saveQuery(state), logger: logger)
    }

    static func syncState(from row: PostgresRandomAccessRow) throws -> IndexSyncState {
        IndexSyncState(
            username: try row["username"].decode(String.self),
            list: IndexedList(rawValue: try row["list"].decode(String.self)) ?? .collection,
            generation: try row["generation"].decode(Int.self),
            nextPage: try row["next_page"].decode(Int?.self),
            remoteTotal: try row["remote_total"].decode(Int.self),
            hasCompleted: try row["has_completed"].decode(Bool.self),
            fullSyncedAt: try row["full_synced_at"].decode(Double?.self),
            refreshedAt: try row["refreshed_at"].decode(Double?.self),
            lastError: try row["last_error"].decode(String?.self)
        )
    }

    static func saveQuery(_ state: IndexSyncState) -> PostgresQuery {
        """
        INSERT INTO collection_index_sync (username, list, generation, next_page, remote_total, has_completed, full_synced_at, refreshed_at, last_error)
        VALUES (\(key(state.username)), \(state.list.rawValue), \(state.generation), \(state.nextPage), \(state.remoteTotal), \(state.hasCompleted),
            \(state.fullSyncedAt), \(state.refreshedAt), \(state.lastError))
        ON CONFLICT (username, list) DO UPDATE SET generation = excluded.generation, next_page = excluded.next_page,
            remote_total = excluded.remote_total, has_completed = excluded.has_completed, full_synced_at = excluded.full_synced_at,
            refreshed_at = excluded.refreshed_at, last_error = excluded.last_error
        """
    }

    // MARK: Writes

    public func upsert(_ items: [IndexedItem], username: String, list: IndexedList, generation: Int, state: IndexSyncState?) async throws {
        let user = Self.key(username)
        try await database.client.withTransaction(logger: logger) { connection in
            try await Self.write(items, username: user, list: list, generation: generation, on: connection, logger: logger)
            if let state { try await connection.query(Self.saveQuery(state), logger: logger) }
        }
    }

    /// Upserts `items` and rewrites their facet rows, on a connection inside a transaction.
    static func write(
        _ items: [IndexedItem],
        username: String,
        list: IndexedList,
        generation: Int,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        // One statement may not update a row twice: of repeated instance ids the last wins, as in SQLite.
        var latest: [Int: Int] = [:]
        for (position, item) in items.enumerated() { latest[item.instanceID] = position }
        let items = items.enumerated().filter { latest[$0.element.instanceID] == $0.offset }.map(\.element.storable)
        guard !items.isEmpty else { return }
        let rows = String(decoding: try JSONEncoder().encode(items.map(PostgresIndexRow.init)), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO collection_index_item (username, list, instance_id, release_id, master_id, folder_id, rating, date_added,
                artist, artist_sort, artists, title, title_sort, labels, catnos, formats, format_display, genres, styles, year, country,
                field_values, notes, thumb, placeholder, sync_generation, search)
            SELECT \(username), \(list.rawValue), r.instance_id, r.release_id, r.master_id, r.folder_id, r.rating, r.date_added,
                r.artist, r.artist_sort, r.artists, r.title, r.title_sort, r.labels, r.catnos, r.formats, r.format_display, r.genres,
                r.styles, r.year, r.country, r.field_values, r.notes, r.thumb, r.placeholder, \(generation), r.search::tsvector
            FROM jsonb_to_recordset(\(rows)::jsonb) AS r(instance_id bigint, release_id bigint, master_id bigint, folder_id bigint,
                rating integer, date_added double precision, artist text, artist_sort text, artists text, title text, title_sort text,
                labels text, catnos text, formats text, format_display text, genres text, styles text, year integer, country text,
                field_values text, notes text, thumb text, placeholder boolean, search text)
            ON CONFLICT (username, list, instance_id) DO UPDATE SET release_id = excluded.release_id, master_id = excluded.master_id,
                folder_id = excluded.folder_id, rating = excluded.rating, date_added = excluded.date_added, artist = excluded.artist,
                artist_sort = excluded.artist_sort, artists = excluded.artists, title = excluded.title, title_sort = excluded.title_sort,
                labels = excluded.labels, catnos = excluded.catnos, formats = excluded.formats, format_display = excluded.format_display,
                genres = excluded.genres, styles = excluded.styles, year = excluded.year,
                country = coalesce(excluded.country, collection_index_item.country), field_values = excluded.field_values,
                notes = excluded.notes, thumb = excluded.thumb, placeholder = excluded.placeholder,
                sync_generation = excluded.sync_generation, search = excluded.search
            """,
            logger: logger
        )
        let instanceIDs = items.map(\.instanceID)
        try await connection.query(
            """
            DELETE FROM collection_index_facet WHERE item_id IN (
                SELECT id FROM collection_index_item WHERE username = \(username) AND list = \(list.rawValue) AND instance_id = ANY(\(instanceIDs)))
            """,
            logger: logger
        )
        let facets = String(decoding: try JSONEncoder().encode(items.flatMap(PostgresIndexRow.facets)), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO collection_index_facet (item_id, username, list, facet, value, key)
            SELECT i.id, i.username, i.list, f.facet, f.value, f.key
            FROM jsonb_to_recordset(\(facets)::jsonb) AS f(instance_id bigint, facet text, value text, key text)
            JOIN collection_index_item i ON i.username = \(username) AND i.list = \(list.rawValue) AND i.instance_id = f.instance_id
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }

    public func removeUnseen(username: String, list: IndexedList, generation: Int) async throws -> Int {
        try await database.changes(
            """
            DELETE FROM collection_index_item WHERE username = \(Self.key(username)) AND list = \(list.rawValue)
                AND sync_generation < \(generation) RETURNING 1
            """
        )
    }

    public func removeItems(username: String, list: IndexedList, instanceIDs: [Int]) async throws -> Int {
        guard !instanceIDs.isEmpty else { return 0 }
        return try await database.changes(
            """
            DELETE FROM collection_index_item WHERE username = \(Self.key(username)) AND list = \(list.rawValue)
                AND instance_id = ANY(\(instanceIDs)) RETURNING 1
            """
        )
    }

    public func removeFolderItems(username: String, folderID: Int, keeping: Set<Int>) async throws -> Int {
        try await database.changes(
            """
            DELETE FROM collection_index_item WHERE username = \(Self.key(username)) AND list = 'collection' AND folder_id = \(folderID)
                AND NOT (instance_id = ANY(\(Array(keeping)))) RETURNING 1
            """
        )
    }
}

/// One item as the JSON row the batch upsert expands; multi-valued fields joined as in SQLite.
struct PostgresIndexRow: Encodable {
    struct Facet: Encodable {
        var instance_id: Int
        var facet: String
        var value: String
        var key: String
    }

    var instance_id: Int
    var release_id: Int
    var master_id: Int?
    var folder_id: Int?
    var rating: Int
    var date_added: Double?
    var artist, artist_sort, artists, title, title_sort, labels, catnos, formats, format_display, genres, styles: String
    var year: Int?
    var country: String?
    var field_values: String
    var notes: String
    var thumb: String?
    var placeholder: Bool
    var search: String

    init(_ item: IndexedItem) {
        let separator = SQLiteCollectionIndexStore.separator
        let fields = Dictionary(uniqueKeysWithValues: item.fieldValues.map { (String($0.key), $0.value) })
        instance_id = item.instanceID
        release_id = item.releaseID
        master_id = item.masterID
        folder_id = item.folderID
        rating = item.rating
        date_added = item.dateAdded
        artist = item.artistDisplay
        artist_sort = SQLiteCollectionIndexStore.sortKey(item.artistDisplay)
        artists = item.artists.joined(separator: separator)
        title = item.title
        title_sort = SQLiteCollectionIndexStore.sortKey(item.title)
        labels = item.labels.joined(separator: separator)
        catnos = item.catnos.joined(separator: separator)
        formats = item.formats.joined(separator: separator)
        format_display = item.formatDisplay
        genres = item.genres.joined(separator: separator)
        styles = item.styles.joined(separator: separator)
        year = item.year
        country = item.country
        field_values = String(decoding: (try? JSONEncoder().encode(fields)) ?? Data("{}".utf8), as: UTF8.self)
        notes = item.notes
        thumb = item.thumb
        placeholder = item.isPlaceholder
        search = PostgresSearchText.document(item)
    }

    /// The item's facet rows, each key once per facet (as the SQLite writer dedupes).
    static func facets(_ item: IndexedItem) -> [Facet] {
        var rows: [Facet] = []
        let facets: [(String, [String])] = [
            ("genre", item.genres), ("style", item.styles), ("format", item.formats), ("label", item.labels), ("artist", item.artists),
        ]
        for (facet, values) in facets {
            var seen = Set<String>()
            for value in values where !value.isEmpty && seen.insert(value.lowercased()).inserted {
                rows.append(Facet(instance_id: item.instanceID, facet: facet, value: value, key: value.lowercased()))
            }
        }
        return rows
    }
}
