import Foundation
import Storage

/// Tuning for the collection index; the defaults suit Discogs' 60 requests a minute.
public struct CollectionIndexConfiguration: Sendable {
    /// Items per upstream page (Discogs' maximum, so a 10,000-item collection is 100 requests).
    public var perPage: Int
    /// How long a caller waits for a first sync before getting what is indexed so far, marked partial.
    public var waitBound: Duration
    /// A read older than this starts a background refresh (the read itself never waits for it).
    public var refreshOnReadAfter: Duration
    /// How often an incremental refresh is replaced by a full re-read, to catch edits made on
    /// discogs.com to old items (ratings, notes) that counts and the newest page cannot reveal.
    public var fullSweepInterval: Duration
    /// How many newest pages an incremental refresh reads while every item on them is new, before
    /// deciding a full sync is cheaper.
    public var maxNewItemPages: Int
    /// Times the wait bound and the background refresher's pauses, and dates syncs; tests move it by hand.
    public var clock: ServerClock
    /// How long a fleet's sync lease lives without renewal (renewed every third of it while the
    /// sync runs): how soon another instance resumes the sync of one that died.
    public var leaseLifetime: Duration = .seconds(60)

    public init(
        perPage: Int = 100,
        waitBound: Duration = .seconds(20),
        refreshOnReadAfter: Duration = .seconds(30 * 60),
        fullSweepInterval: Duration = .seconds(7 * 24 * 3600),
        maxNewItemPages: Int = 3,
        clock: ServerClock = .continuous
    ) {
        self.perPage = min(max(1, perPage), 100)
        self.waitBound = waitBound
        self.refreshOnReadAfter = refreshOnReadAfter
        self.fullSweepInterval = fullSweepInterval
        self.maxNewItemPages = max(1, maxNewItemPages)
        self.clock = clock
    }

    /// The wall clock, seconds since 1970 (how sync times are stored).
    public func now() -> Double { clock.date.timeIntervalSince1970 }
}

extension Duration {
    /// Seconds as a Double, for comparing with stored timestamps.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
