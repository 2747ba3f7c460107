/// Which of a user's two lists an index row belongs to.
public enum IndexedList: String, Sendable, Hashable, CaseIterable, Codable {
    case collection
    case wantlist
}

/// One copy in a collection, or one want, flattened for indexing and for display.
///
/// Multi-valued fields stay arrays here; the store keeps them both as display text and as facet
/// rows, so filters and stats use an index instead of parsing text per row.
public struct IndexedItem: Sendable, Hashable {
    /// The copy's instance id; for a want, the release id (a release is wanted at most once).
    public var instanceID: Int
    public var releaseID: Int
    public var masterID: Int?
    /// The folder of a copy; nil for wants.
    public var folderID: Int?
    /// 0 (unrated) to 5.
    public var rating: Int
    /// Seconds since 1970.
    public var dateAdded: Double?
    /// Artist names as credited (the name, not the variation), in order.
    public var artists: [String]
    /// "Artist A & Artist B", joined the way Discogs prints credits.
    public var artistDisplay: String
    public var title: String
    public var labels: [String]
    public var catnos: [String]
    /// Format names and their descriptions ("Vinyl", "LP", "Album"): each is a filterable facet.
    public var formats: [String]
    /// "2×Vinyl (LP, Album)", for display.
    public var formatDisplay: String
    public var genres: [String]
    public var styles: [String]
    public var year: Int?
    /// Collection listings do not carry a country; kept for the rows that learn one later.
    public var country: String?
    /// Custom field values (collection) by field id.
    public var fieldValues: [Int: String]
    /// Searchable note text: the custom field values, or a want's notes.
    public var notes: String
    public var thumb: String?
    /// True when the row was created from one of our own writes before Discogs' details were read;
    /// the next refresh (which reads the newest page) fills it in.
    public var isPlaceholder: Bool

    public init(
        instanceID: Int,
        releaseID: Int,
        masterID: Int? = nil,
        folderID: Int? = nil,
        rating: Int = 0,
        dateAdded: Double? = nil,
        artists: [String] = [],
        artistDisplay: String = "",
        title: String = "",
        labels: [String] = [],
        catnos: [String] = [],
        formats: [String] = [],
        formatDisplay: String = "",
        genres: [String] = [],
        styles: [String] = [],
        year: Int? = nil,
        country: String? = nil,
        fieldValues: [Int: String] = [:],
        notes: String = "",
        thumb: String? = nil,
        isPlaceholder: Bool = false
    ) {
        self.instanceID = instanceID
        self.releaseID = releaseID
        self.masterID = masterID
        self.folderID = folderID
        self.rating = rating
        self.dateAdded = dateAdded
        self.artists = artists
        self.artistDisplay = artistDisplay
        self.title = title
        self.labels = labels
        self.catnos = catnos
        self.formats = formats
        self.formatDisplay = formatDisplay
        self.genres = genres
        self.styles = styles
        self.year = year
        self.country = country
        self.fieldValues = fieldValues
        self.notes = notes
        self.thumb = thumb
        self.isPlaceholder = isPlaceholder
    }
}

/// Where a user's index stands: whether a full sync ever finished, and where an unfinished one resumes.
public struct IndexSyncState: Sendable, Hashable {
    public var username: String
    public var list: IndexedList
    /// Bumped by every full sync; rows a finished sync did not touch are gone upstream.
    public var generation: Int
    /// The page an unfinished full sync continues from; nil when none is pending.
    public var nextPage: Int?
    /// Items Discogs reported at the last look.
    public var remoteTotal: Int
    /// Whether at least one full sync has completed (the index is whole, if perhaps dated).
    public var hasCompleted: Bool
    /// Seconds since 1970.
    public var fullSyncedAt: Double?
    /// The last successful full sync or incremental refresh, seconds since 1970.
    public var refreshedAt: Double?
    public var lastError: String?

    public init(
        username: String,
        list: IndexedList,
        generation: Int = 0,
        nextPage: Int? = nil,
        remoteTotal: Int = 0,
        hasCompleted: Bool = false,
        fullSyncedAt: Double? = nil,
        refreshedAt: Double? = nil,
        lastError: String? = nil
    ) {
        self.username = username
        self.list = list
        self.generation = generation
        self.nextPage = nextPage
        self.remoteTotal = remoteTotal
        self.hasCompleted = hasCompleted
        self.fullSyncedAt = fullSyncedAt
        self.refreshedAt = refreshedAt
        self.lastError = lastError
    }
}

/// A collection folder as last seen upstream.
public struct IndexedFolder: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public var count: Int

    public init(id: Int, name: String, count: Int) {
        self.id = id
        self.name = name
        self.count = count
    }
}
