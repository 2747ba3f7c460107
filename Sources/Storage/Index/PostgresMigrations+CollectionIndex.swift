extension PostgresMigrations {
    /// The collection and wantlist index on PostgreSQL: the same tables as SQLite's v4, with the
    /// FTS5 table replaced by a `tsvector` column on the item and a GIN index over it.
    ///
    /// Text columns that are sorted or range-scanned are `COLLATE "C"`: byte order, as SQLite
    /// compares, whatever the database's default collation, so both engines page identically.
    /// The `search` vector is built by the store (see `PostgresSearchText`), not by a PostgreSQL
    /// text-search configuration, so tokens, diacritic folding and prefixes match FTS5's.
    static let collectionIndex = Migration(
        id: "v4-collection-index",
        statements: [
            """
            CREATE TABLE collection_index_item (
                id bigserial PRIMARY KEY,
                username text COLLATE "C" NOT NULL,
                list text COLLATE "C" NOT NULL,
                instance_id bigint NOT NULL,
                release_id bigint NOT NULL,
                master_id bigint,
                folder_id bigint,
                rating integer NOT NULL DEFAULT 0,
                date_added double precision,
                artist text NOT NULL,
                artist_sort text COLLATE "C" NOT NULL,
                artists text NOT NULL,
                title text NOT NULL,
                title_sort text COLLATE "C" NOT NULL,
                labels text NOT NULL,
                catnos text NOT NULL,
                formats text NOT NULL,
                format_display text NOT NULL,
                genres text NOT NULL,
                styles text NOT NULL,
                year integer,
                country text,
                field_values text NOT NULL DEFAULT '{}',
                notes text NOT NULL DEFAULT '',
                thumb text,
                placeholder boolean NOT NULL DEFAULT false,
                sync_generation bigint NOT NULL DEFAULT 0,
                search tsvector NOT NULL DEFAULT ''::tsvector,
                UNIQUE (username, list, instance_id))
            """,
            "CREATE INDEX collection_index_item_added ON collection_index_item (username, list, date_added)",
            "CREATE INDEX collection_index_item_year ON collection_index_item (username, list, year, artist_sort)",
            "CREATE INDEX collection_index_item_artist ON collection_index_item (username, list, artist_sort, year)",
            "CREATE INDEX collection_index_item_title ON collection_index_item (username, list, title_sort)",
            "CREATE INDEX collection_index_item_rating ON collection_index_item (username, list, rating, date_added)",
            "CREATE INDEX collection_index_item_release ON collection_index_item (username, release_id)",
            "CREATE INDEX collection_index_item_folder ON collection_index_item (username, list, folder_id, rating, date_added)",
            "CREATE INDEX collection_index_item_search ON collection_index_item USING gin (search)",
            """
            CREATE TABLE collection_index_facet (
                item_id bigint NOT NULL REFERENCES collection_index_item (id) ON DELETE CASCADE,
                username text COLLATE "C" NOT NULL,
                list text COLLATE "C" NOT NULL,
                facet text COLLATE "C" NOT NULL,
                value text COLLATE "C" NOT NULL,
                key text COLLATE "C" NOT NULL,
                PRIMARY KEY (username, list, facet, key, item_id))
            """,
            "CREATE INDEX collection_index_facet_item ON collection_index_facet (item_id)",
            """
            CREATE TABLE collection_index_sync (
                username text COLLATE "C" NOT NULL,
                list text COLLATE "C" NOT NULL,
                generation bigint NOT NULL DEFAULT 0,
                next_page bigint,
                remote_total bigint NOT NULL DEFAULT 0,
                has_completed boolean NOT NULL DEFAULT false,
                full_synced_at double precision,
                refreshed_at double precision,
                last_error text,
                PRIMARY KEY (username, list))
            """,
            """
            CREATE TABLE collection_index_folder (
                username text COLLATE "C" NOT NULL,
                folder_id bigint NOT NULL,
                name text NOT NULL,
                count bigint NOT NULL,
                PRIMARY KEY (username, folder_id))
            """,
        ]
    )
}
