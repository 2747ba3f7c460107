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
        return migrator
    }
}
