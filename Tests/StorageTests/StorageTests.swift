import Foundation
import GRDB
import Storage
import TestSupport
import Testing

@Suite("Storage", .removesTemporaryFolders)
struct StorageTests {
    func temporaryPath() -> String {
        TemporaryFolder.make("discogs-mcp-storage").appendingPathComponent("nested/db.sqlite").path
    }

    @Test("the database opens in WAL mode with migrations applied, creating its folders")
    func open() async throws {
        let database = try Database(path: temporaryPath())
        #expect(try await database.journalMode() == "wal")
        #expect(try await database.appliedMigrations() == Database.knownMigrations.sorted())
        #expect(Database.knownMigrations.first == "v1-sessions")
        #expect(try await database.integrityCheck() == "ok")
    }

    @Test("sessions are stored under a hash of their id and survive reopening")
    func sessions() async throws {
        let path = temporaryPath()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let repository = SQLiteSessionRepository(database: try Database(path: path))
            try await repository.insert(
                id: "secret-session-id",
                SessionRecord(
                    principalID: "user:1",
                    transport: "streamable-http",
                    revision: "2025-11-25",
                    clientName: "c",
                    createdAt: now,
                    lastActiveAt: now
                )
            )
        }
        let database = try Database(path: path)
        let repository = SQLiteSessionRepository(database: database)
        let found = try #require(try await repository.find(id: "secret-session-id"))
        #expect(found.principalID == "user:1" && found.revision == "2025-11-25" && found.endedAt == nil)
        #expect(try await repository.find(id: "other") == nil)
        let raw = try await database.pool.read { db in try String.fetchAll(db, sql: "SELECT id_hash FROM mcp_session") }
        #expect(raw.count == 1 && raw[0] != "secret-session-id" && raw[0].count == 64)
        try await repository.end(id: "secret-session-id", at: now.addingTimeInterval(5))
        #expect(try await repository.find(id: "secret-session-id")?.endedAt != nil)
        #expect(try await repository.purge(before: now.addingTimeInterval(10)) == 1)
    }

    @Test("the server secret is generated once, kept private, and reused; a short configured one is refused")
    func secret() throws {
        let folder = TemporaryFolder.make("discogs-mcp-secret").path
        let first = try ServerSecret.resolve(configured: nil, dataDirectory: folder)
        let second = try ServerSecret.resolve(configured: nil, dataDirectory: folder)
        #expect(first.isGenerated && first.value == second.value && first.value.count >= 32)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/server-secret")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(throws: ServerSecret.Failure.self) { try ServerSecret.resolve(configured: "short", dataDirectory: folder) }
        #expect(try ServerSecret.resolve(configured: String(repeating: "k", count: 32), dataDirectory: folder).isGenerated == false)
    }
}
