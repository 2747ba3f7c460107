import Foundation
import Logging
import MCP
import Storage
import TestSupport
import Testing

@testable import Transports

/// Issue 10 point 6: tables of sessions and streams give back their buckets after a burst.
@Suite("Dictionary compaction", .removesTemporaryFolders)
struct DictionaryCompactionTests {
    @Test("a dictionary below an eighth of its capacity is rebuilt small with the same contents")
    func compaction() {
        var table = Dictionary(uniqueKeysWithValues: (0..<5000).map { ($0, "v\($0)") })
        let burst = table.capacity
        for key in 0..<4000 { table[key] = nil }
        table.compactIfSparse()
        #expect(table.capacity == burst, "1,000 of 5,000 is not sparse enough to rebuild")
        for key in 4000..<4990 { table[key] = nil }
        table.compactIfSparse()
        #expect(table.capacity < 64)
        #expect(table == Dictionary(uniqueKeysWithValues: (4990..<5000).map { ($0, "v\($0)") }))
    }

    @Test("ending a burst of sessions gives back the registry's buckets and keeps the live ones")
    func registryShrinks() async throws {
        let registry = SessionRegistry(
            repository: SQLiteSessionRepository(database: try Database(path: TestServer.temporaryDatabase())),
            listChanges: ListChangeHub(),
            maximumSessions: 1000,
            idleTimeout: .seconds(600),
            logger: Logger(label: "test")
        )
        var ids: [String] = []
        for _ in 0..<400 { ids.append(try await registry.create(principalID: "user:1", transport: .sse, negotiation: nil).id) }
        let burst = await registry.entries.capacity
        for id in ids.dropFirst(3) { await registry.end(id, reason: .disconnected) }
        #expect(await registry.entries.capacity < burst / 8, "capacity \(burst) after the burst")
        for id in ids.prefix(3) { #expect(await registry.lookup(id, principalID: "user:1") != nil) }
    }
}
