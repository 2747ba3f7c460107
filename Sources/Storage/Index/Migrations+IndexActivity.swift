import GRDB

extension Migrations {
    /// The index's change log: what was added, removed, moved or rated in a collection and what was
    /// wanted or unwanted, as the index saw it.
    ///
    /// Triggers on the item table write it, in the same transaction as the change, so every path that
    /// changes a row is covered the same way: our own writes, an incremental refresh, a folder
    /// reconciliation, a full sync's removals. A list whose first full sync has not completed records
    /// nothing: filling the index is not activity. Rows start as `discogs` (seen by a refresh); the
    /// index relabels the ones its own writes caused as `server`. `at` is when the index saw the change;
    /// `date_added` is Discogs' date for an addition. Retention is bounded by the index (age and count).
    static func collectionIndexActivityV6(_ db: GRDB.Database) throws {
        let now = "((julianday('now') - 2440587.5) * 86400.0)"
        func whenComplete(_ row: String) -> String {
            "EXISTS (SELECT 1 FROM collection_index_sync s WHERE s.username = \(row).username AND s.list = \(row).list AND s.has_completed = 1)"
        }
        let columns = "username, list, kind, at, instance_id, release_id, title, artist, date_added, folder_from, folder_to, rating_from, rating_to"
        try db.execute(
            sql: """
                CREATE TABLE collection_index_event (
                    id INTEGER PRIMARY KEY,
                    username TEXT NOT NULL,
                    list TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    at REAL NOT NULL,
                    instance_id INTEGER NOT NULL,
                    release_id INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    artist TEXT NOT NULL,
                    date_added REAL,
                    folder_from INTEGER,
                    folder_to INTEGER,
                    rating_from INTEGER,
                    rating_to INTEGER,
                    source TEXT NOT NULL DEFAULT 'discogs'
                );
                CREATE INDEX collection_index_event_at ON collection_index_event (username, at);
                CREATE INDEX collection_index_event_instance ON collection_index_event (username, instance_id, id);

                CREATE TRIGGER collection_index_event_added AFTER INSERT ON collection_index_item WHEN \(whenComplete("NEW")) BEGIN
                    INSERT INTO collection_index_event (\(columns))
                    VALUES (NEW.username, NEW.list, CASE NEW.list WHEN 'wantlist' THEN 'wanted' ELSE 'added' END, \(now), NEW.instance_id,
                        NEW.release_id, NEW.title, NEW.artist, NEW.date_added, NULL, NEW.folder_id, NULL, NEW.rating);
                END;
                CREATE TRIGGER collection_index_event_removed AFTER DELETE ON collection_index_item WHEN \(whenComplete("OLD")) BEGIN
                    INSERT INTO collection_index_event (\(columns))
                    VALUES (OLD.username, OLD.list, CASE OLD.list WHEN 'wantlist' THEN 'unwanted' ELSE 'removed' END, \(now), OLD.instance_id,
                        OLD.release_id, OLD.title, OLD.artist, NULL, OLD.folder_id, NULL, OLD.rating, NULL);
                END;
                CREATE TRIGGER collection_index_event_moved AFTER UPDATE OF folder_id ON collection_index_item
                WHEN NEW.list = 'collection' AND OLD.folder_id IS NOT NEW.folder_id AND \(whenComplete("NEW")) BEGIN
                    INSERT INTO collection_index_event (\(columns))
                    VALUES (NEW.username, NEW.list, 'moved', \(now), NEW.instance_id, NEW.release_id, NEW.title, NEW.artist, NULL,
                        OLD.folder_id, NEW.folder_id, NULL, NULL);
                END;
                CREATE TRIGGER collection_index_event_rated AFTER UPDATE OF rating ON collection_index_item
                WHEN NEW.list = 'collection' AND OLD.rating IS NOT NEW.rating AND \(whenComplete("NEW")) BEGIN
                    INSERT INTO collection_index_event (\(columns))
                    VALUES (NEW.username, NEW.list, 'rated', \(now), NEW.instance_id, NEW.release_id, NEW.title, NEW.artist, NULL,
                        NULL, NULL, OLD.rating, NEW.rating);
                END;
                """
        )
    }
}
