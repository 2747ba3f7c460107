import Foundation

/// One change the index saw in a user's collection or wantlist (see `collection_index_event`).
public struct IndexActivityEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case added, removed, moved, rated, wanted, unwanted
    }

    /// Who made the change: this server (a write tool) or someone elsewhere, found by a refresh.
    public enum Source: String, Sendable, Hashable {
        case server
        case discogs
    }

    public var id: Int64
    public var list: IndexedList
    public var kind: Kind
    /// When the index saw the change, seconds since 1970.
    public var at: Double
    public var instanceID: Int
    public var releaseID: Int
    /// As the row is known now (a placeholder added by our own write is named once a refresh filled it in).
    public var title: String
    public var artist: String
    /// Discogs' date for an addition, seconds since 1970.
    public var dateAdded: Double?
    public var folderFrom: Int?
    public var folderTo: Int?
    public var ratingFrom: Int?
    public var ratingTo: Int?
    public var source: Source

    public init(
        id: Int64,
        list: IndexedList,
        kind: Kind,
        at: Double,
        instanceID: Int,
        releaseID: Int,
        title: String,
        artist: String,
        dateAdded: Double? = nil,
        folderFrom: Int? = nil,
        folderTo: Int? = nil,
        ratingFrom: Int? = nil,
        ratingTo: Int? = nil,
        source: Source = .discogs
    ) {
        self.id = id
        self.list = list
        self.kind = kind
        self.at = at
        self.instanceID = instanceID
        self.releaseID = releaseID
        self.title = title
        self.artist = artist
        self.dateAdded = dateAdded
        self.folderFrom = folderFrom
        self.folderTo = folderTo
        self.ratingFrom = ratingFrom
        self.ratingTo = ratingTo
        self.source = source
    }
}

/// Which activity to read: one user, a time range, some kinds, newest first, one page.
public struct IndexActivityQuery: Sendable, Hashable {
    public var username: String
    /// Seconds since 1970, inclusive; nil: from the oldest kept.
    public var since: Double?
    /// Seconds since 1970, exclusive; nil: up to now.
    public var until: Double?
    /// Empty: every kind.
    public var kinds: Set<IndexActivityEvent.Kind>
    public var offset: Int
    public var limit: Int

    public init(
        username: String,
        since: Double? = nil,
        until: Double? = nil,
        kinds: Set<IndexActivityEvent.Kind> = [],
        offset: Int = 0,
        limit: Int = 50
    ) {
        self.username = username
        self.since = since
        self.until = until
        self.kinds = kinds
        self.offset = offset
        self.limit = limit
    }
}

/// A page of activity, with the total in range and the count per kind.
public struct IndexActivityPage: Sendable, Hashable {
    public var events: [IndexActivityEvent]
    public var total: Int
    public var counts: [IndexActivityEvent.Kind: Int]
    /// The oldest change still kept for the user (older ones were pruned), seconds since 1970.
    public var oldestKept: Double?

    public init(events: [IndexActivityEvent], total: Int, counts: [IndexActivityEvent.Kind: Int], oldestKept: Double?) {
        self.events = events
        self.total = total
        self.counts = counts
        self.oldestKept = oldestKept
    }
}
