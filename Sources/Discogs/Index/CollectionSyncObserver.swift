import Storage

/// What one index sync or refresh did, for metrics, logs and the `refresh_collection` answer.
public struct CollectionSyncReport: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Every page of the list was read (or an interrupted full sync was finished).
        case full
        /// Counts plus the newest page; `widened` says whether folders had to be re-read.
        case incremental
    }

    public enum Outcome: String, Sendable, Hashable {
        case completed
        case failed
        case cancelled
    }

    public var username: String
    public var list: IndexedList
    public var kind: Kind
    public var outcome: Outcome
    /// Rows written (new or updated) by this run.
    public var itemsSynced: Int
    public var added: Int
    public var removed: Int
    /// Upstream requests made (every page, folder list and retry-free call counted once).
    public var requests: Int
    public var duration: Duration
    /// Whether counts did not reconcile after the newest page and a wider check ran.
    public var widened: Bool
    /// A full sync that picked up where an interrupted one stopped.
    public var resumed: Bool
    /// Items Discogs reports for the list, and items indexed after the run.
    public var remoteTotal: Int
    public var indexedTotal: Int
    /// The reason, for a failed run, in words a user can act on.
    public var problem: String?

    public init(
        username: String,
        list: IndexedList,
        kind: Kind,
        outcome: Outcome = .completed,
        itemsSynced: Int = 0,
        added: Int = 0,
        removed: Int = 0,
        requests: Int = 0,
        duration: Duration = .zero,
        widened: Bool = false,
        resumed: Bool = false,
        remoteTotal: Int = 0,
        indexedTotal: Int = 0,
        problem: String? = nil
    ) {
        self.username = username
        self.list = list
        self.kind = kind
        self.outcome = outcome
        self.itemsSynced = itemsSynced
        self.added = added
        self.removed = removed
        self.requests = requests
        self.duration = duration
        self.widened = widened
        self.resumed = resumed
        self.remoteTotal = remoteTotal
        self.indexedTotal = indexedTotal
        self.problem = problem
    }
}

/// Told about every finished sync or refresh; the App maps it onto Prometheus
/// (items synced, duration, requests, outcome by kind).
public protocol CollectionSyncObserver: Sendable {
    func syncFinished(_ report: CollectionSyncReport) async
}

/// Ignores reports (tests, servers without metrics).
public struct IgnoreCollectionSyncs: CollectionSyncObserver {
    public init() {}
    public func syncFinished(_ report: CollectionSyncReport) async {}
}
