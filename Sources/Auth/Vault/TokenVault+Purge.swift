import Foundation
import Storage

/// What one purge deleted, by kind (for the log and the `purged_rows_total` metric).
public struct PurgeReport: Sendable, Hashable {
    public var pendingAuthorizations = 0
    public var codes = 0
    public var tokens = 0
    public var clients = 0

    public init() {}
}

extension TokenVault {
    /// A registered client that has not obtained a token this long after registering is dropped.
    public static let neverUsedClientGrace: TimeInterval = 24 * 3600
    /// A client that has not obtained a token for this long is dropped (its users sign in again).
    public static let unusedClientLifetime: TimeInterval = 90 * 86_400

    /// Deletes what can no longer be used: expired pending logins, codes and tokens, and
    /// registrations nobody uses (issue 14 point 8: never used within 24 h, or unused for 90 days).
    ///
    /// Anyone may register a client, so without this the client table grows without bound.
    public func purge() async throws -> PurgeReport {
        let cutoff = now()
        var report = PurgeReport()
        report.pendingAuthorizations = try await repositories.pending.purge(expiredBefore: cutoff)
        report.codes = try await repositories.codes.purgeCodes(expiredBefore: cutoff)
        report.tokens = try await repositories.tokens.purgeTokens(expiredBefore: cutoff)
        report.clients = try await repositories.clients.purgeUnused(
            neverUsedBefore: cutoff.addingTimeInterval(-Self.neverUsedClientGrace),
            unusedSince: cutoff.addingTimeInterval(-Self.unusedClientLifetime)
        )
        return report
    }
}
