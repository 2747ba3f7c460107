import Foundation
import Storage

/// A fleet's sync leases (issue 11 point 3): one instance at a time syncs a user's list; if it
/// dies, its lease is not renewed and expires, and the next background pass of another instance
/// takes it and resumes the sync at the page saved last.
extension CollectionIndex {
    /// Takes or renews the lease of `key`; always true for a single instance. A database failure
    /// counts as "held elsewhere": better a sync skipped for one pass than run twice.
    func takeLease(_ key: ListKey) async -> Bool {
        guard let leases else { return true }
        let now = configuration.clock.date
        do {
            return try await leases.repository.acquire(
                username: key.username,
                list: key.list.rawValue,
                holder: leases.holder,
                expiresAt: now.addingTimeInterval(configuration.leaseLifetime.seconds),
                now: now
            )
        } catch {
            return false
        }
    }

    /// Takes the lease if it is free and renews it every third of its lifetime until the returned
    /// task is cancelled (when the sync ends); nil for a single instance.
    func holdLease(_ key: ListKey) async -> Task<Void, Never>? {
        guard leases != nil else { return nil }
        _ = await takeLease(key)
        let period = configuration.leaseLifetime / 3
        let clock = configuration.clock
        return Task { [weak self] in
            while !Task.isCancelled {
                do { try await clock.sleep(for: period) } catch { return }
                _ = await self?.takeLease(key)
            }
        }
    }

    /// Gives the lease back once the sync has ended (its state is saved).
    func releaseLease(_ key: ListKey) async {
        guard let leases else { return }
        try? await leases.repository.release(username: key.username, list: key.list.rawValue, holder: leases.holder)
    }
}
