import Foundation
import GRDB

extension Migrations {
    /// When each OAuth client last obtained a token, so registrations nobody uses can be purged.
    ///
    /// Clients that exist when the migration runs count as used now: their history is unknown,
    /// and purging a client in use would log its users out.
    static func oauthClientLastUsedV5(_ db: GRDB.Database) throws {
        try db.alter(table: "oauth_client") { table in
            table.add(column: "last_used_at", .double)
        }
        try db.execute(sql: "UPDATE oauth_client SET last_used_at = ?", arguments: [Date().timeIntervalSince1970])
        try db.create(index: "oauth_client_on_last_used_at", on: "oauth_client", columns: ["last_used_at"])
    }
}
