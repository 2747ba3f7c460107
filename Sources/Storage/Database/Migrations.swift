import GRDB

/// Every schema change, in order. Applied at start-up; never edit a shipped migration, add one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-sessions") { db in
            try db.create(table: "mcp_session") { table in
                // SHA-256 of the session id: a database leak does not hand out live session ids.
                table.primaryKey("id_hash", .text)
                table.column("principal_id", .text).notNull().indexed()
                table.column("transport", .text).notNull()
                table.column("revision", .text).notNull()
                table.column("client_name", .text)
                table.column("client_version", .text)
                table.column("client_capabilities", .text).notNull().defaults(to: "{}")
                table.column("created_at", .double).notNull()
                table.column("last_active_at", .double).notNull()
                table.column("ended_at", .double)
            }
        }
        migrator.registerMigration("v2-discogs-cache") { db in
            try db.create(table: "discogs_response_cache") { table in
                // "<scope> GET <path?query>": the scope is a digest of the caller's credential for
                // anything user-specific, so one user's private answers are never served to another.
                table.primaryKey("key", .text)
                // Lowercased path without the query, for invalidation by prefix after our own writes.
                table.column("path", .text).notNull().indexed()
                table.column("scope", .text).notNull().indexed()
                table.column("kind", .text).notNull()
                table.column("status", .integer).notNull()
                table.column("body", .blob).notNull()
                table.column("stored_at", .double).notNull()
                table.column("expires_at", .double).notNull().indexed()
            }
        }
        migrator.registerMigration("v2-log-events") { db in
            try db.create(table: "log_event") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("at", .double).notNull().indexed()
                table.column("level", .text).notNull()
                table.column("label", .text).notNull()
                table.column("message", .text).notNull()
                table.column("metadata", .text).notNull().defaults(to: "{}")
                table.column("request_id", .text).indexed()
            }
        }
        migrator.registerMigration("v3-oauth") { db in
            // OAuth 2.1 authorization server state. Tokens and codes are stored only as SHA-256
            // hex digests; upstream (Discogs) credentials only sealed by SecretBox.
            try db.create(table: "oauth_client") { table in
                table.primaryKey("client_id", .text)
                table.column("secret_hash", .text)
                table.column("auth_method", .text).notNull()
                table.column("redirect_uris", .text).notNull()
                table.column("metadata", .text).notNull().defaults(to: "{}")
                table.column("created_at", .double).notNull()
            }
            try db.create(table: "oauth_pending_authorization") { table in
                table.primaryKey("id_hash", .text)
                table.column("client_id", .text).notNull().references("oauth_client", onDelete: .cascade)
                table.column("redirect_uri", .text).notNull()
                table.column("code_challenge", .text).notNull()
                table.column("state", .text)
                table.column("resource", .text).notNull()
                table.column("scope", .text).notNull()
                table.column("upstream_request_token", .text).indexed()
                table.column("upstream_request_secret", .blob)
                table.column("created_at", .double).notNull()
                table.column("expires_at", .double).notNull().indexed()
                table.column("consumed_at", .double)
            }
            try db.create(table: "oauth_authorization_code") { table in
                table.primaryKey("code_hash", .text)
                table.column("client_id", .text).notNull().references("oauth_client", onDelete: .cascade)
                table.column("subject", .text).notNull()
                table.column("redirect_uri", .text).notNull()
                table.column("code_challenge", .text).notNull()
                table.column("resource", .text).notNull()
                table.column("scope", .text).notNull()
                // The token family minted on redemption; a replayed code revokes it.
                table.column("family_id", .text).notNull()
                table.column("created_at", .double).notNull()
                table.column("expires_at", .double).notNull().indexed()
                table.column("consumed_at", .double)
            }
            try db.create(table: "oauth_refresh_token") { table in
                table.primaryKey("token_hash", .text)
                table.column("family_id", .text).notNull().indexed()
                table.column("client_id", .text).notNull().references("oauth_client", onDelete: .cascade)
                table.column("subject", .text).notNull().indexed()
                table.column("resource", .text).notNull()
                table.column("scope", .text).notNull()
                table.column("created_at", .double).notNull()
                table.column("expires_at", .double).notNull().indexed()
                // Set when rotated: presenting a token with used_at set is reuse.
                table.column("used_at", .double)
                table.column("revoked_at", .double)
            }
            try db.create(table: "oauth_access_token") { table in
                table.primaryKey("token_hash", .text)
                table.column("family_id", .text).notNull().indexed()
                table.column("client_id", .text).notNull().references("oauth_client", onDelete: .cascade)
                table.column("subject", .text).notNull().indexed()
                table.column("resource", .text).notNull()
                table.column("scope", .text).notNull()
                table.column("created_at", .double).notNull()
                table.column("expires_at", .double).notNull().indexed()
                table.column("revoked_at", .double)
            }
            try db.create(table: "oauth_upstream_credential") { table in
                table.primaryKey("subject", .text)
                table.column("discogs_user_id", .integer)
                table.column("username", .text)
                table.column("sealed_token", .blob).notNull()
                table.column("sealed_secret", .blob).notNull()
                table.column("updated_at", .double).notNull()
            }
        }
        migrator.registerMigration("v4-collection-index", migrate: collectionIndexV4)
        migrator.registerMigration("v5-oauth-client-last-used", migrate: oauthClientLastUsedV5)
        migrator.registerMigration("v6-collection-index-activity", migrate: collectionIndexActivityV6)
        return migrator
    }
}
