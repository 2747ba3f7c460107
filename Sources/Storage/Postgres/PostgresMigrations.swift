/// Every PostgreSQL schema change, in order, under the same identifiers as the SQLite migrations.
///
/// Times are `double precision` seconds since 1970 and binary values `bytea`, as in SQLite, so both
/// engines store and compare the same numbers. Never edit a shipped migration; add one.
enum PostgresMigrations {
    struct Migration: Sendable {
        let id: String
        let statements: [String]
    }

    static let all: [Migration] = [
        sessions, responseCache, logEvents, oauth, collectionIndex, oauthClientLastUsed, fleetState, fleetBudget, collectionIndexActivity,
    ]

    static let sessions = Migration(
        id: "v1-sessions",
        statements: [
            """
            CREATE TABLE mcp_session (
                id_hash text PRIMARY KEY,
                principal_id text NOT NULL,
                transport text NOT NULL,
                revision text NOT NULL,
                client_name text,
                client_version text,
                client_capabilities text NOT NULL DEFAULT '{}',
                created_at double precision NOT NULL,
                last_active_at double precision NOT NULL,
                ended_at double precision)
            """,
            "CREATE INDEX mcp_session_on_principal_id ON mcp_session (principal_id)",
        ]
    )

    static let responseCache = Migration(
        id: "v2-discogs-cache",
        statements: [
            """
            CREATE TABLE discogs_response_cache (
                key text PRIMARY KEY,
                path text NOT NULL,
                scope text NOT NULL,
                kind text NOT NULL,
                status integer NOT NULL,
                body bytea NOT NULL,
                stored_at double precision NOT NULL,
                expires_at double precision NOT NULL)
            """,
            // text_pattern_ops: the prefix invalidation is a byte-wise range, whatever the collation.
            "CREATE INDEX discogs_response_cache_on_path ON discogs_response_cache (path text_pattern_ops)",
            "CREATE INDEX discogs_response_cache_on_scope ON discogs_response_cache (scope)",
            "CREATE INDEX discogs_response_cache_on_expires_at ON discogs_response_cache (expires_at)",
        ]
    )

    static let logEvents = Migration(
        id: "v2-log-events",
        statements: [
            """
            CREATE TABLE log_event (
                id bigserial PRIMARY KEY,
                at double precision NOT NULL,
                level text NOT NULL,
                label text NOT NULL,
                message text NOT NULL,
                metadata text NOT NULL DEFAULT '{}',
                request_id text)
            """,
            "CREATE INDEX log_event_on_at ON log_event (at)",
            "CREATE INDEX log_event_on_request_id ON log_event (request_id)",
        ]
    )

    static let oauth = Migration(
        id: "v3-oauth",
        statements: [
            """
            CREATE TABLE oauth_client (
                client_id text PRIMARY KEY,
                secret_hash text,
                auth_method text NOT NULL,
                redirect_uris text NOT NULL,
                metadata text NOT NULL DEFAULT '{}',
                created_at double precision NOT NULL)
            """,
            """
            CREATE TABLE oauth_pending_authorization (
                id_hash text PRIMARY KEY,
                client_id text NOT NULL REFERENCES oauth_client ON DELETE CASCADE,
                redirect_uri text NOT NULL,
                code_challenge text NOT NULL,
                state text,
                resource text NOT NULL,
                scope text NOT NULL,
                upstream_request_token text,
                upstream_request_secret bytea,
                created_at double precision NOT NULL,
                expires_at double precision NOT NULL,
                consumed_at double precision)
            """,
            "CREATE INDEX oauth_pending_authorization_on_upstream_request_token ON oauth_pending_authorization (upstream_request_token)",
            "CREATE INDEX oauth_pending_authorization_on_expires_at ON oauth_pending_authorization (expires_at)",
            """
            CREATE TABLE oauth_authorization_code (
                code_hash text PRIMARY KEY,
                client_id text NOT NULL REFERENCES oauth_client ON DELETE CASCADE,
                subject text NOT NULL,
                redirect_uri text NOT NULL,
                code_challenge text NOT NULL,
                resource text NOT NULL,
                scope text NOT NULL,
                family_id text NOT NULL,
                created_at double precision NOT NULL,
                expires_at double precision NOT NULL,
                consumed_at double precision)
            """,
            "CREATE INDEX oauth_authorization_code_on_expires_at ON oauth_authorization_code (expires_at)",
            """
            CREATE TABLE oauth_refresh_token (
                token_hash text PRIMARY KEY,
                family_id text NOT NULL,
                client_id text NOT NULL REFERENCES oauth_client ON DELETE CASCADE,
                subject text NOT NULL,
                resource text NOT NULL,
                scope text NOT NULL,
                created_at double precision NOT NULL,
                expires_at double precision NOT NULL,
                used_at double precision,
                revoked_at double precision)
            """,
            "CREATE INDEX oauth_refresh_token_on_family_id ON oauth_refresh_token (family_id)",
            "CREATE INDEX oauth_refresh_token_on_client_id ON oauth_refresh_token (client_id)",
            "CREATE INDEX oauth_refresh_token_on_subject ON oauth_refresh_token (subject)",
            "CREATE INDEX oauth_refresh_token_on_expires_at ON oauth_refresh_token (expires_at)",
            """
            CREATE TABLE oauth_access_token (
                token_hash text PRIMARY KEY,
                family_id text NOT NULL,
                client_id text NOT NULL REFERENCES oauth_client ON DELETE CASCADE,
                subject text NOT NULL,
                resource text NOT NULL,
                scope text NOT NULL,
                created_at double precision NOT NULL,
                expires_at double precision NOT NULL,
                revoked_at double precision)
            """,
            "CREATE INDEX oauth_access_token_on_family_id ON oauth_access_token (family_id)",
            "CREATE INDEX oauth_access_token_on_client_id ON oauth_access_token (client_id)",
            "CREATE INDEX oauth_access_token_on_subject ON oauth_access_token (subject)",
            "CREATE INDEX oauth_access_token_on_expires_at ON oauth_access_token (expires_at)",
            """
            CREATE TABLE oauth_upstream_credential (
                subject text PRIMARY KEY,
                discogs_user_id bigint,
                username text,
                sealed_token bytea NOT NULL,
                sealed_secret bytea NOT NULL,
                updated_at double precision NOT NULL)
            """,
            "CREATE INDEX oauth_upstream_credential_on_username ON oauth_upstream_credential (lower(username))",
        ]
    )

    /// Clients that exist when it runs count as used now (see the SQLite migration of the same name).
    static let oauthClientLastUsed = Migration(
        id: "v5-oauth-client-last-used",
        statements: [
            "ALTER TABLE oauth_client ADD COLUMN last_used_at double precision",
            "UPDATE oauth_client SET last_used_at = extract(epoch FROM clock_timestamp())",
            "CREATE INDEX oauth_client_on_last_used_at ON oauth_client (last_used_at)",
        ]
    )

    /// PostgreSQL only (a fleet's shared state; a single SQLite instance keeps it in memory).
    static let fleetState = Migration(
        id: "v6-pg-fleet-state",
        statements: [
            "CREATE TABLE fleet_state (key text PRIMARY KEY, value bytea NOT NULL, expires_at double precision NOT NULL)",
            "CREATE INDEX fleet_state_on_expires_at ON fleet_state (expires_at)",
        ]
    )

    /// PostgreSQL only: the shared Discogs budget's slots and the collection-sync leases of a fleet.
    static let fleetBudget = Migration(
        id: "v7-pg-fleet-budget-and-leases",
        statements: [
            "CREATE TABLE discogs_request_slot (id bigserial PRIMARY KEY, sent_at double precision NOT NULL)",
            "CREATE INDEX discogs_request_slot_on_sent_at ON discogs_request_slot (sent_at)",
            """
            CREATE TABLE collection_sync_lease (
                username text NOT NULL,
                list text NOT NULL,
                holder text NOT NULL,
                expires_at double precision NOT NULL,
                PRIMARY KEY (username, list))
            """,
        ]
    )
}
