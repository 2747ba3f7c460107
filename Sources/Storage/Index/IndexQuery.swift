/// A search over one user's collection or wantlist: free text plus exact filters, sorted and paged.
///
/// Every filter narrows (AND); within one filter the match is case-insensitive and exact on the
/// facet value (genre "Jazz", style "Hard Bop", format "LP"), except `artist`, which matches words
/// in the artist credit the way the text search does.
public struct IndexQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, Hashable, CaseIterable {
        /// Best text match first (only meaningful with `text`; otherwise the same as `added`).
        case relevance
        case added, year, artist, title, rating
        /// Highest `affinity` score first (recommendations).
        case affinity
    }

    /// Soft preferences that score rows (genre match 3, style 2, artist 2, era 1) rather than filter
    /// them; `required` keeps only rows scoring above zero.
    public struct Affinity: Sendable, Hashable {
        public var genres: [String]
        public var styles: [String]
        public var artists: [String]
        public var years: ClosedRange<Int>?
        public var required: Bool

        public init(genres: [String] = [], styles: [String] = [], artists: [String] = [], years: ClosedRange<Int>? = nil, required: Bool = true) {
            self.genres = genres
            self.styles = styles
            self.artists = artists
            self.years = years
            self.required = required
        }
    }

    public enum Order: String, Sendable, Hashable, CaseIterable {
        case ascending = "asc"
        case descending = "desc"
    }

    public var username: String
    public var list: IndexedList
    public var text: String?
    public var artist: String?
    public var genres: [String]
    public var styles: [String]
    public var formats: [String]
    public var label: String?
    public var yearFrom: Int?
    public var yearTo: Int?
    public var folderID: Int?
    public var minRating: Int?
    /// Seconds since 1970, inclusive.
    public var addedFrom: Double?
    /// Seconds since 1970, exclusive.
    public var addedBefore: Double?
    public var releaseIDs: [Int]
    /// Rows whose release id is listed are left out (the seed of a "similar to" search).
    public var excludingReleaseIDs: [Int]
    public var affinity: Affinity?
    public var sort: Sort
    /// nil picks the natural order for the sort (newest, best, highest first; A→Z for names).
    public var order: Order?
    /// 1-based.
    public var page: Int
    /// 1…100.
    public var perPage: Int

    public init(
        username: String,
        list: IndexedList = .collection,
        text: String? = nil,
        artist: String? = nil,
        genres: [String] = [],
        styles: [String] = [],
        formats: [String] = [],
        label: String? = nil,
        yearFrom: Int? = nil,
        yearTo: Int? = nil,
        folderID: Int? = nil,
        minRating: Int? = nil,
        addedFrom: Double? = nil,
        addedBefore: Double? = nil,
        releaseIDs: [Int] = [],
        excludingReleaseIDs: [Int] = [],
        affinity: Affinity? = nil,
        sort: Sort? = nil,
        order: Order? = nil,
        page: Int = 1,
        perPage: Int = 25
    ) {
        self.username = username
        self.list = list
        self.text = text
        self.artist = artist
        self.genres = genres
        self.styles = styles
        self.formats = formats
        self.label = label
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.folderID = folderID
        self.minRating = minRating
        self.addedFrom = addedFrom
        self.addedBefore = addedBefore
        self.releaseIDs = releaseIDs
        self.excludingReleaseIDs = excludingReleaseIDs
        self.affinity = affinity
        let hasText = !FTSQueryText.words(text ?? "").isEmpty
        self.sort = sort ?? (hasText ? .relevance : .added)
        self.order = order
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), 100)
    }
}

/// One page of matches, always with the total so a reader knows what it is not seeing.
public struct IndexPage: Sendable, Hashable {
    public var items: [IndexedItem]
    /// Every row matching the query, not just this page.
    public var total: Int
    public var page: Int
    public var perPage: Int

    public init(items: [IndexedItem], total: Int, page: Int, perPage: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.perPage = perPage
    }

    public var pages: Int { total == 0 ? 0 : (total + perPage - 1) / perPage }
    public var hasNextPage: Bool { page < pages }
}

/// Aggregates over one list, computed in SQL.
public struct IndexStats: Sendable, Hashable {
    public struct Bucket: Sendable, Hashable {
        public var value: String
        public var count: Int
        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    /// Rows (copies for a collection, wants for a wantlist).
    public var total: Int
    public var uniqueReleases: Int
    /// Distinct values per facet ("genre" → 14), so a top-N list says how much it leaves out.
    public var distinct: [String: Int]
    public var genres: [Bucket]
    public var styles: [Bucket]
    public var formats: [Bucket]
    public var labels: [Bucket]
    public var artists: [Bucket]
    /// "1970s" → count; rows without a year are under "unknown".
    public var decades: [Bucket]
    /// "0" (unrated) … "5".
    public var ratings: [Bucket]
    /// "2024-03" → items added that month, oldest first.
    public var addedByMonth: [Bucket]
    public var folders: [Bucket]

    public init(
        total: Int = 0,
        uniqueReleases: Int = 0,
        distinct: [String: Int] = [:],
        genres: [Bucket] = [],
        styles: [Bucket] = [],
        formats: [Bucket] = [],
        labels: [Bucket] = [],
        artists: [Bucket] = [],
        decades: [Bucket] = [],
        ratings: [Bucket] = [],
        addedByMonth: [Bucket] = [],
        folders: [Bucket] = []
    ) {
        self.total = total
        self.uniqueReleases = uniqueReleases
        self.distinct = distinct
        self.genres = genres
        self.styles = styles
        self.formats = formats
        self.labels = labels
        self.artists = artists
        self.decades = decades
        self.ratings = ratings
        self.addedByMonth = addedByMonth
        self.folders = folders
    }
}
