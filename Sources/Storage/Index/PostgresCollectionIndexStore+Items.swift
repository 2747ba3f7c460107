import Foundation
import PostgresNIO

/// Single-row reads, the edits our own writes apply, and folders.
extension PostgresCollectionIndexStore {
    public func count(username: String, list: IndexedList) async throws -> Int {
        try await database.scalar(
            "SELECT count(*) FROM collection_index_item WHERE username = \(Self.key(username)) AND list = \(list.rawValue)",
            as: Int.self
        ) ?? 0
    }

    public func instanceIDs(username: String, list: IndexedList) async throws -> Set<Int> {
        Set(
            try await database.rows(
                "SELECT instance_id FROM collection_index_item WHERE username = \(Self.key(username)) AND list = \(list.rawValue)"
            ) { try $0["instance_id"].decode(Int.self) }
        )
    }

    public func folderCounts(username: String) async throws -> [Int: Int] {
        let rows = try await database.rows(
            """
            SELECT folder_id, count(*) AS n FROM collection_index_item
            WHERE username = \(Self.key(username)) AND list = 'collection' GROUP BY folder_id
            """
        ) { (try $0["folder_id"].decode(Int?.self) ?? 0, try $0["n"].decode(Int.self)) }
        var counts: [Int: Int] = [:]
        for (folder, count) in rows { counts[folder, default: 0] += count }
        return counts
    }

    public func item(username: String, list: IndexedList, instanceID: Int) async throws -> IndexedItem? {
        try await database.rows(
            """
            SELECT * FROM collection_index_item
            WHERE username = \(Self.key(username)) AND list = \(list.rawValue) AND instance_id = \(instanceID)
            """,
            Self.item(from:)
        ).first
    }

    public func knownRelease(username: String, releaseID: Int) async throws -> IndexedItem? {
        try await database.rows(
            """
            SELECT * FROM collection_index_item
            WHERE username = \(Self.key(username)) AND release_id = \(releaseID) AND NOT placeholder ORDER BY id LIMIT 1
            """,
            Self.item(from:)
        ).first
    }

    public func updateCopy(username: String, instanceID: Int, rating: Int?, folderID: Int?) async throws -> Bool {
        try await database.changes(
            """
            UPDATE collection_index_item SET rating = coalesce(\(rating), rating), folder_id = coalesce(\(folderID), folder_id)
            WHERE username = \(Self.key(username)) AND list = 'collection' AND instance_id = \(instanceID) RETURNING 1
            """
        ) > 0
    }

    /// Reads the copy under a row lock and writes it back with the new value, its notes text and
    /// its search vector rebuilt, in one transaction.
    public func setFieldValue(username: String, instanceID: Int, fieldID: Int, value: String) async throws -> Bool {
        let user = Self.key(username)
        return try await database.client.withTransaction(logger: logger) { connection in
            let rows = try await PostgresStorage.rows(
                """
                SELECT * FROM collection_index_item WHERE username = \(user) AND list = 'collection' AND instance_id = \(instanceID) FOR UPDATE
                """,
                on: connection,
                logger: logger
            ) { row in (try Self.item(from: row), try row["sync_generation"].decode(Int.self)) }
            guard var (item, generation) = rows.first else { return false }
            item.fieldValues[fieldID] = value.isEmpty ? nil : value
            item.notes = SQLiteCollectionIndexStore.notesText(item.fieldValues)
            try await Self.write([item], username: user, list: .collection, generation: generation, on: connection, logger: logger)
            return true
        }
    }

    public func saveFolders(username: String, _ folders: [IndexedFolder]) async throws {
        let user = Self.key(username)
        let rows = String(decoding: try JSONEncoder().encode(folders), as: UTF8.self)
        try await database.client.withTransaction(logger: logger) { connection in
            try await connection.query("DELETE FROM collection_index_folder WHERE username = \(user)", logger: logger)
            try await connection.query(
                """
                INSERT INTO collection_index_folder (username, folder_id, name, count)
                SELECT \(user), f.id, f.name, f.count FROM jsonb_to_recordset(\(rows)::jsonb) AS f(id bigint, name text, count bigint)
                ON CONFLICT (username, folder_id) DO UPDATE SET name = excluded.name, count = excluded.count
                """,
                logger: logger
            )
        }
    }

    public func folders(username: String) async throws -> [IndexedFolder] {
        try await database.rows("SELECT * FROM collection_index_folder WHERE username = \(Self.key(username)) ORDER BY folder_id") { row in
            IndexedFolder(
                id: try row["folder_id"].decode(Int.self),
                name: try row["name"].decode(String.self),
                count: try row["count"].decode(Int.self)
            )
        }
    }

    static func item(from row: PostgresRandomAccessRow) throws -> IndexedItem {
        var fields: [Int: String] = [:]
        let fieldText = try row["field_values"].decode(String.self)
        if fieldText != "{}", let decoded = try? JSONDecoder().decode([String: String].self, from: Data(fieldText.utf8)) {
            for (key, value) in decoded { if let id = Int(key) { fields[id] = value } }
        }
        let split = SQLiteCollectionIndexStore.split
        return IndexedItem(
            instanceID: try row["instance_id"].decode(Int.self),
            releaseID: try row["release_id"].decode(Int.self),
            masterID: try row["master_id"].decode(Int?.self),
            folderID: try row["folder_id"].decode(Int?.self),
            rating: try row["rating"].decode(Int.self),
            dateAdded: try row["date_added"].decode(Double?.self),
            artists: split(try row["artists"].decode(String.self)),
            artistDisplay: try row["artist"].decode(String.self),
            title: try row["title"].decode(String.self),
            labels: split(try row["labels"].decode(String.self)),
            catnos: split(try row["catnos"].decode(String.self)),
            formats: split(try row["formats"].decode(String.self)),
            formatDisplay: try row["format_display"].decode(String.self),
            genres: split(try row["genres"].decode(String.self)),
            styles: split(try row["styles"].decode(String.self)),
            year: try row["year"].decode(Int?.self),
            country: try row["country"].decode(String?.self),
            fieldValues: fields,
            notes: try row["notes"].decode(String.self),
            thumb: try row["thumb"].decode(String?.self),
            isPlaceholder: try row["placeholder"].decode(Bool.self)
        )
    }
}
