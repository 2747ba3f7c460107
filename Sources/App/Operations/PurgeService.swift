import Auth
import Foundation
import Logging
import ServiceLifecycle
import Storage
import Transports

/// Deletes what can no longer be used, once at start-up and then every `interval`.
///
/// Expired tokens, codes and pending logins, OAuth clients nobody uses, and response-cache
/// entries past their lifetime: none is ever read again, and without a purge each table grows
/// with every login, registration or Discogs call for the life of the database.
struct PurgeService<C: Clock>: Service where C.Duration == Duration {
    let purger: Purger
    let interval: Duration
    let clock: C

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await purger.purge()
                do { try await clock.sleep(for: interval) } catch { return }
            }
        }
    }
}

/// One purge pass over every table that accumulates expired rows.
struct Purger: Sendable {
    let vault: TokenVault?
    let cache: any ResponseCacheRepository
    let metrics: ServerMetrics?
    let logger: Logger
    /// Dates what counts as expired in the response cache.
    var clock: ServerClock = .continuous

    /// Rows deleted by kind; a failing table is logged and the others are still purged.
    @discardableResult
    func purge() async -> [String: Int] {
        var counts: [String: Int] = [:]
        if let vault {
            do {
                let report = try await vault.purge()
                counts["pending_authorizations"] = report.pendingAuthorizations
                counts["codes"] = report.codes
                counts["tokens"] = report.tokens
                counts["clients"] = report.clients
            } catch {
                logger.error("could not purge expired OAuth rows", metadata: ["error": "\(error)"])
            }
        }
        do {
            counts["response_cache"] = try await cache.purgeExpired(now: clock.date)
        } catch {
            logger.error("could not purge the response cache", metadata: ["error": "\(error)"])
        }
        for (kind, count) in counts {
            metrics?.increment("purged_rows_total", by: count, labels: [("kind", kind)])
        }
        let total = counts.values.reduce(0, +)
        if total > 0 {
            logger.info("purged expired rows", metadata: counts.mapValues { Logger.MetadataValue.stringConvertible($0) })
        }
        return counts
    }
}
