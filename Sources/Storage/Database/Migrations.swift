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
        return migrator
    }
}
