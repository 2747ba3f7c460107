import Foundation
import Storage
import Testing

/// The fleet's shared short-lived state on PostgreSQL (login links of every instance).
@Suite("PostgreSQL: fleet state")
struct FleetStateTests {
    @Test("put replaces, get reads live values only, take hands a value out once, purge drops the expired")
    func sharedState() async throws {
        try await TestPostgres.withDatabase { database in
            let state = PostgresFleetStateRepository(database: database)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            try await state.put("link:a", Data("one".utf8), expiresAt: now.addingTimeInterval(60))
            try await state.put("link:a", Data("two".utf8), expiresAt: now.addingTimeInterval(60))
            try await state.put("link:old", Data("old".utf8), expiresAt: now.addingTimeInterval(-1))
            #expect(try await state.get("link:a", now: now) == Data("two".utf8))
            #expect(try await state.get("link:old", now: now) == nil, "expired")
            #expect(try await state.get("link:a", now: now.addingTimeInterval(61)) == nil)
            // Two instances taking at once: one gets the value.
            async let first = state.take("link:a", now: now)
            async let second = state.take("link:a", now: now)
            let taken = [try await first, try await second].compactMap { $0 }
            #expect(taken == [Data("two".utf8)])
            #expect(try await state.take("link:old", now: now) == nil, "an expired value is removed, not handed out")
            try await state.put("b", Data("b".utf8), expiresAt: now.addingTimeInterval(-5))
            try await state.put("c", Data("c".utf8), expiresAt: now.addingTimeInterval(5))
            #expect(try await state.purge(before: now) == 1)
            try await state.remove("c")
            #expect(try await state.get("c", now: now) == nil)
        }
    }
}

/// The fleet's shared Discogs budget on PostgreSQL.
@Suite("PostgreSQL: the fleet's Discogs budget")
struct FleetRequestBudgetTests {
    @Test("two instances racing for 30 slots of a 10-per-window budget get exactly 10; the window frees them")
    func sharedBudget() async throws {
        try await TestPostgres.withDatabase { database in
            let a = PostgresRequestBudget(database: database)
            let b = PostgresRequestBudget(database: database)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let taken = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<30 {
                    let budget = index.isMultiple(of: 2) ? a : b
                    group.addTask {
                        try await budget.reserve(limit: 10, window: .seconds(60), now: now.addingTimeInterval(Double(index) / 100)) == nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(taken == 10)
            let freesAt = try #require(try await a.reserve(limit: 10, window: .seconds(60), now: now.addingTimeInterval(30)))
            #expect(freesAt > now.addingTimeInterval(59.9) && freesAt <= now.addingTimeInterval(60.3), "when the oldest slot leaves the window")
            #expect(try await b.reserve(limit: 10, window: .seconds(60), now: now.addingTimeInterval(61)) == nil, "the window moved on")
        }
    }
}

/// The fleet's collection-sync leases on PostgreSQL.
@Suite("PostgreSQL: collection sync leases")
struct SyncLeaseTests {
    @Test("one holder at a time; the holder renews; an expired lease passes on; only the holder releases")
    func leases() async throws {
        try await TestPostgres.withDatabase { database in
            let leases = PostgresSyncLeaseRepository(database: database)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            func acquire(_ holder: String, at offset: Double, for lifetime: Double = 60) async throws -> Bool {
                try await leases.acquire(
                    username: "User",
                    list: "collection",
                    holder: holder,
                    expiresAt: now.addingTimeInterval(offset + lifetime),
                    now: now.addingTimeInterval(offset)
                )
            }
            #expect(try await acquire("a", at: 0))
            #expect(try await acquire("b", at: 1) == false, "a holds it")
            #expect(
                try await leases.acquire(username: "user", list: "wantlist", holder: "b", expiresAt: now.addingTimeInterval(60), now: now),
                "another list"
            )
            #expect(try await acquire("a", at: 50), "renewed until 110")
            #expect(try await acquire("b", at: 70) == false)
            try await leases.release(username: "user", list: "collection", holder: "b")
            #expect(try await acquire("b", at: 71) == false, "only the holder releases")
            #expect(try await acquire("b", at: 111), "a died: its lease expired and b takes over")
            try await leases.release(username: "USER", list: "collection", holder: "b")
            #expect(try await acquire("a", at: 112), "released")
        }
    }
}
