extension PostgresMigrations {
    /// The index's change log on PostgreSQL, as SQLite's `v6-collection-index-activity`: one row-level
    /// trigger function on the item table records additions, removals, moves and ratings in the
    /// transaction that made them, and nothing while a list's first full sync has not completed.
    static let collectionIndexActivity = Migration(
        id: "v8-pg-collection-index-activity",
        statements: [
            """
            CREATE TABLE collection_index_event (
                id bigserial PRIMARY KEY,
                username text COLLATE "C" NOT NULL,
                list text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                at double precision NOT NULL,
                instance_id bigint NOT NULL,
                release_id bigint NOT NULL,
                title text NOT NULL,
                artist text NOT NULL,
                date_added double precision,
                folder_from bigint,
                folder_to bigint,
                rating_from integer,
                rating_to integer,
                source text NOT NULL DEFAULT 'discogs')
            """,
            "CREATE INDEX collection_index_event_at ON collection_index_event (username, at)",
            "CREATE INDEX collection_index_event_instance ON collection_index_event (username, instance_id, id)",
            """
            CREATE FUNCTION collection_index_record_event() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                item collection_index_item;
                seen double precision := extract(epoch FROM clock_timestamp())::double precision;
            BEGIN
                IF TG_OP = 'DELETE' THEN item := OLD; ELSE item := NEW; END IF;
                IF NOT EXISTS (SELECT 1 FROM collection_index_sync s WHERE s.username = item.username AND s.list = item.list AND s.has_completed) THEN
                    RETURN NULL;
                END IF;
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO collection_index_event (username, list, kind, at, instance_id, release_id, title, artist, date_added, folder_to, rating_to)
                    VALUES (NEW.username, NEW.list, CASE NEW.list WHEN 'wantlist' THEN 'wanted' ELSE 'added' END, seen, NEW.instance_id,
                        NEW.release_id, NEW.title, NEW.artist, NEW.date_added, NEW.folder_id, NEW.rating);
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO collection_index_event (username, list, kind, at, instance_id, release_id, title, artist, folder_from, rating_from)
                    VALUES (OLD.username, OLD.list, CASE OLD.list WHEN 'wantlist' THEN 'unwanted' ELSE 'removed' END, seen, OLD.instance_id,
                        OLD.release_id, OLD.title, OLD.artist, OLD.folder_id, OLD.rating);
                ELSIF NEW.list = 'collection' THEN
                    IF OLD.folder_id IS DISTINCT FROM NEW.folder_id THEN
                        INSERT INTO collection_index_event (username, list, kind, at, instance_id, release_id, title, artist, folder_from, folder_to)
                        VALUES (NEW.username, NEW.list, 'moved', seen, NEW.instance_id, NEW.release_id, NEW.title, NEW.artist, OLD.folder_id, NEW.folder_id);
                    END IF;
                    IF OLD.rating IS DISTINCT FROM NEW.rating THEN
                        INSERT INTO collection_index_event (username, list, kind, at, instance_id, release_id, title, artist, rating_from, rating_to)
                        VALUES (NEW.username, NEW.list, 'rated', seen, NEW.instance_id, NEW.release_id, NEW.title, NEW.artist, OLD.rating, NEW.rating);
                    END IF;
                END IF;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER collection_index_event_change AFTER INSERT OR UPDATE OF folder_id, rating OR DELETE ON collection_index_item
            FOR EACH ROW EXECUTE FUNCTION collection_index_record_event()
            """,
        ]
    )
}
