/// One release in the fake catalog: the fields the real `/releases/{id}` answer carries.
public struct FakeRelease: Sendable, Hashable {
    /// An artist as credited on a release (main artist or extra artist with a role).
    public struct Credit: Sendable, Hashable {
        public var artistID: Int
        public var name: String
        public var anv: String = ""
        public var join: String = ""
        public var role: String = ""
        public var tracks: String = ""
    }

    /// A label and catalogue number on a release.
    public struct LabelCredit: Sendable, Hashable {
        public var labelID: Int
        public var name: String
        public var catno: String
    }

    public struct Format: Sendable, Hashable {
        public var name: String
        public var qty: Int
        public var descriptions: [String]
        public var text: String = ""
    }

    public struct Track: Sendable, Hashable {
        public var position: String
        public var title: String
        public var duration: String
        public var extraArtists: [Credit] = []
    }

    public struct Identifier: Sendable, Hashable {
        public var type: String
        public var value: String
        public var description: String = ""
    }

    public var id: Int
    public var title: String
    public var year: Int
    public var country: String
    public var released: String
    public var artists: [Credit]
    public var labels: [LabelCredit]
    public var formats: [Format]
    public var genres: [String]
    public var styles: [String]
    public var masterID: Int?
    public var tracklist: [Track]
    public var extraArtists: [Credit]
    public var identifiers: [Identifier]
    public var notes: String
    public var have: Int
    public var want: Int
    public var ratingCount: Int
    public var ratingAverage: Double
    /// The typical sale price in USD; marketplace stats, suggestions and collection value derive from it.
    public var medianPriceUSD: Double
    public var numForSale: Int
    public var dataQuality: String = "Correct"
    /// Seconds since 1970 when the release was submitted.
    public var dateAdded: Int

    /// "Artist - Title" as Discogs prints it in search results and lists.
    public var displayTitle: String { "\(artistsSort) - \(title)" }

    /// Artist names joined the way Discogs builds `artists_sort`.
    public var artistsSort: String {
        artists.enumerated().map { index, credit in
            let join = index < artists.count - 1 ? (credit.join.isEmpty ? "," : " \(credit.join)") : ""
            return credit.name + join
        }.joined(separator: " ")
    }

    /// The lowest asking price: absent when nothing is for sale.
    public var lowestPriceUSD: Double? {
        numForSale > 0 ? (medianPriceUSD * 0.62 * 100).rounded() / 100 : nil
    }
}
