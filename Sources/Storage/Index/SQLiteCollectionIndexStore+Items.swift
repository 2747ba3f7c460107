import Foundation
import GRDB

/// Single-row reads and the edits our own writes apply.
extension SQLiteCollectionIndexStore {
    public func count(username: String, list: IndexedList) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM collection_index_item WHERE username = ? AND list = ?",
                arguments: [Self.key(username), list.rawValue]
            ) ?? 0
        }
    }

    public func instanceIDs(username: String, list: IndexedList) async throws -> Set<Int> {
        try await pool.read { db in
            Set(
                try Int.fetchAll(
                    db,
                    sql: "SELECT instance_id FROM collection_index_item WHERE username = ? AND list = ?",
                    arguments: [Self.key(username), list.rawValue]
                )
            )
        }
    }

    public func folderCounts(username: String) async throws -> [Int: Int] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT folder_id, count(*) AS n FROM collection_index_item WHERE username = ? AND list = 'collection' GROUP BY folder_id",
                arguments: [Self.key(username)]
            )
            var counts: [Int: Int] = [:]
            for row in rows { counts[row["folder_id"] ?? 0] = row["n"] }
            return counts
        }
    }

    public func item(username: String, list: IndexedList, instanceID: Int) async throws -> IndexedItem? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM collection_index_item WHERE username = ? AND list = ? AND instance_id = ?",
                arguments: [Self.key(username), list.rawValue, instanceID]
            ).map(Self.item(from:))
        }
    }

    public func knownRelease(username: String, releaseID: Int) async throws -> IndexedItem? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM collection_index_item WHERE username = ? AND release_id = ? AND placeholder = 0 LIMIT 1",
                arguments: [Self.key(username), releaseID]
            ).map(Self.item(from:))
        }
    }

    public func updateCopy(username: String, instanceID: Int, rating: Int?, folderID: Int?) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE collection_index_item SET rating = coalesce(?, rating), folder_id = coalesce(?, folder_id)
                    WHERE username = ? AND list = 'collection' AND instance_id = ?
                    """,
                arguments: [rating, folderID, Self.key(username), instanceID]
            )
            return db.changesCount > 0
        }
    }

    public func setFieldValue(username: String, instanceID: Int, fieldID: Int, value: String) async throws -> Bool {
        try await pool.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM collection_index_item WHERE username = ? AND list = 'collection' AND instance_id = ?",
                    arguments: [Self.key(username), instanceID]
                )
            else { return false }
            var item = Self.item(from: row)
            item.fieldValues[fieldID] = value.isEmpty ? nil : value
            item.notes = Self.notesText(item.fieldValues)
            let generation: Int = row["sync_generation"]
            try Self.write(item, username: Self.key(username), list: .collection, generation: generation, db)
            return true
        }
    }

    /// The searchable text of custom field values, in field order.
    public static func notesText(_ values: [Int: String]) -> String {
        values.keys.sorted().compactMap { values[$0] }.joined(separator: " · ")
    }

    public func saveFolders(username: String, _ folders: [IndexedFolder]) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM collection_index_folder WHERE username = ?", arguments: [Self.key(username)])
            for folder in folders {
                try db.execute(
                    sql: "INSERT INTO collection_index_folder (username, folder_id, name, count) VALUES (?, ?, ?, ?)",
                    arguments: [Self.key(username), folder.id, folder.name, folder.count]
                )
            }
        }
    }

    public func folders(username: String) async throws -> [IndexedFolder] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM collection_index_folder WHERE username = ? ORDER BY folder_id", arguments: [Self.key(username)])
                .map { IndexedFolder(id: $0["folder_id"], name: $0["name"], count: $0["count"]) }
        }
    }

    static func split(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.components(separatedBy: separator)
    }

    static func item(from row: Row) -> IndexedItem {
        var fields: [Int: String] = [:]
        let fieldText: String = row["field_values"] ?? "{}"
        // Most copies have no custom fields: skip the decoder (a fresh one per row otherwise).
        if fieldText != "{}", let decoded = try? JSONDecoder().decode([String: String].self, from: Data(fieldText.utf8)) {
            for (key, value) in decoded { if let id = Int(key) { fields[id] = value } }
        }
        return IndexedItem(
            instanceID: row["instance_id"],
            releaseID: row["release_id"],
            masterID: row["master_id"],
            folderID: row["folder_id"],
            rating: row["rating"],
            dateAdded: row["date_added"],
            artists: split(row["artists"]),
            artistDisplay: row["artist"],
            title: row["title"],
            labels: split(row["labels"]),
            catnos: split(row["catnos"]),
            formats: split(row["formats"]),
            formatDisplay: row["format_display"],
            genres: split(row["genres"]),
            styles: split(row["styles"]),
            year: row["year"],
            country: row["country"],
            fieldValues: fields,
            notes: row["notes"],
            thumb: row["thumb"],
            isPlaceholder: row["placeholder"]
        )
    }
}
