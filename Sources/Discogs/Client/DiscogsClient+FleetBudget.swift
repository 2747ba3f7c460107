import Foundation
import Logging
import Storage

/// The fleet-wide Discogs budget (issue 11 point 3): with `DISCOGS_MCP_DISCOGS_BUDGET=shared` on
/// PostgreSQL every instance takes a slot in the database before each request, so the fleet as a
/// whole stays within the one budget Discogs grants its address.
extension DiscogsClient {
    /// Waits for a fleet slot until `giveUpAt`; background work leaves the governor's reserve to
    /// people, as it does locally. Throws `rateLimited` when no slot frees in time, and when the
    /// database cannot be asked (better a refused call than a fleet over Discogs' budget).
    func takeFleetSlot(priority: RequestPriority, authenticated: Bool, giveUpAt: ServerClock.Instant) async throws {
        guard let fleetBudget else { return }
        let budget = configuration.governor
        var limit = authenticated ? budget.authenticatedLimit : budget.anonymousLimit
        if priority == .background { limit = max(1, limit - budget.backgroundReserve) }
        let clock = self.clock
        while true {
            let freesAt: Date?
            do {
                freesAt = try await fleetBudget.reserve(limit: limit, window: budget.slotLifetime, now: clock.date)
            } catch {
                logger.error("the fleet's shared Discogs budget cannot be read; refusing the call", metadata: ["error": "\(error)"])
                throw DiscogsError.rateLimited(retryAfter: .seconds(5))
            }
            guard let freesAt else { return }
            // A little jitter, so the instances waiting for the same slot do not all ask at once.
            let wait = Duration.milliseconds(Int64(max(freesAt.timeIntervalSince(clock.date), 0) * 1000) + Int64.random(in: 5...50))
            guard wait <= clock.now.duration(to: giveUpAt) else { throw DiscogsError.rateLimited(retryAfter: wait) }
            try await clock.sleep(for: wait)
        }
    }
}
