import Foundation
import Storage
import Testing

/// The log table's contract, run against SQLite and PostgreSQL alike.
@Suite("Storage contract: log events")
struct LogEventContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func event(_ index: Int, at offset: Double = 0) -> LogRecord {
        LogRecord(
            timestamp: now.addingTimeInterval(offset),
            level: index.isMultiple(of: 2) ? "info" : "error",
            label: "discogs-mcp.test",
            message: "event \(index) “quoted” ✓",
            metadata: ["n": "\(index)", "k": "v"],
            requestID: index == 1 ? "req-1" : nil,
            source: ""
        )
    }

    @Test("events come back newest first with metadata; pruning keeps the newest rows and drops old ones", arguments: StorageEngine.allCases)
    func logEvents(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let events = repositories.logEvents
            try await events.insert(Self.event(0, at: -100), prune: nil)
            for index in 1...5 {
                try await events.insert(Self.event(index, at: Double(index)), prune: nil)
            }
            #expect(try await events.count() == 6)
            let recent = try await events.recent(limit: 2)
            #expect(recent == [Self.event(5, at: 5), Self.event(4, at: 4)])
            #expect(try await events.recent(limit: 10).last?.requestID == nil)
            #expect(try await events.recent(limit: 5).last == Self.event(1, at: 1))

            try await events.insert(Self.event(6, at: 6), prune: LogPrune(olderThan: Self.now, maximumRows: 4))
            #expect(try await events.count() == 4)
            #expect(try await events.recent(limit: 10).map(\.message) == (3...6).reversed().map { Self.event($0).message })
        }
    }
}
