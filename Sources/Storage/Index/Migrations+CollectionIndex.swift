import GRDB

extension Migrations {
    /// The collection and wantlist index: one row per copy (or want), a facet table for exact filters
    /// and stats, an FTS5 table for text search, the sync bookkeeping and the folder names.
    ///
    /// Raw SQL because GRDB's FTS5 helpers are compiled out against the system SQLite. The FTS table
    /// keeps its own copy of the text (not external content) so it can be rewritten row by row in the
    /// same transaction as the item without triggers.
    ///
    /// The facet table is clustered on (owner, facet, key, item): a filter is one range of it, a
    /// stats bucket one run, both without touching another b-tree. An item has each key once per
    /// facet (the writer dedupes), so a range's row count is its item count. Each sort index carries
    /// the sort's next key, and the folder index the rating and date, so the common sorts and a
    /// folder + rating filter are read in order without a sort or a row lookup.
    static func collectionIndexV4(_ db: GRDB.Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE collection_index_item (
                    id INTEGER PRIMARY KEY,
                    username TEXT NOT NULL,
                    list TEXT NOT NULL,
                    instance_id INTEGER NOT NULL,
                    release_id INTEGER NOT NULL,
                    master_id INTEGER,
                    folder_id INTEGER,
                    rating INTEGER NOT NULL DEFAULT 0,
                    date_added REAL,
                    artist TEXT NOT NULL,
                    artist_sort TEXT NOT NULL,
                    artists TEXT NOT NULL,
                    title TEXT NOT NULL,
                    title_sort TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    catnos TEXT NOT NULL,
                    formats TEXT NOT NULL,
                    format_display TEXT NOT NULL,
                    genres TEXT NOT NULL,
                    styles TEXT NOT NULL,
                    year INTEGER,
                    country TEXT,
                    field_values TEXT NOT NULL DEFAULT '{}',
                    notes TEXT NOT NULL DEFAULT '',
                    thumb TEXT,
                    placeholder INTEGER NOT NULL DEFAULT 0,
                    sync_generation INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (username, list, instance_id)
                );
                CREATE INDEX collection_index_item_added ON collection_index_item (username, list, date_added);
                CREATE INDEX collection_index_item_year ON collection_index_item (username, list, year, artist_sort);
                CREATE INDEX collection_index_item_artist ON collection_index_item (username, list, artist_sort, year);
                CREATE INDEX collection_index_item_title ON collection_index_item (username, list, title_sort);
                CREATE INDEX collection_index_item_rating ON collection_index_item (username, list, rating, date_added);
                CREATE INDEX collection_index_item_release ON collection_index_item (username, release_id);
                CREATE INDEX collection_index_item_list_release ON collection_index_item (username, list, release_id);
                CREATE INDEX collection_index_item_folder ON collection_index_item (username, list, folder_id, rating, date_added);

                CREATE TABLE collection_index_facet (
                    item_id INTEGER NOT NULL REFERENCES collection_index_item(id) ON DELETE CASCADE,
                    username TEXT NOT NULL,
                    list TEXT NOT NULL,
                    facet TEXT NOT NULL,
                    value TEXT NOT NULL,
                    key TEXT NOT NULL,
                    PRIMARY KEY (username, list, facet, key, item_id)
                ) WITHOUT ROWID;
                CREATE INDEX collection_index_facet_item ON collection_index_facet (item_id);

                CREATE VIRTUAL TABLE collection_index_fts USING fts5(
                    artist, title, label, catno, notes, tags,
                    tokenize = 'unicode61 remove_diacritics 2'
                );

                CREATE TABLE collection_index_sync (
                    username TEXT NOT NULL,
                    list TEXT NOT NULL,
                    generation INTEGER NOT NULL DEFAULT 0,
                    next_page INTEGER,
                    remote_total INTEGER NOT NULL DEFAULT 0,
                    has_completed INTEGER NOT NULL DEFAULT 0,
                    full_synced_at REAL,
                    refreshed_at REAL,
                    last_error TEXT,
                    PRIMARY KEY (username, list)
                );

                CREATE TABLE collection_index_folder (
                    username TEXT NOT NULL,
                    folder_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (username, folder_id)
                );
                """
        )
    }
}
