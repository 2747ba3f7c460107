import Storage

/// Index rows generated from their position alone: artists, labels, genres, styles, formats,
/// ratings, years and titles repeat on fixed cycles, so any query's answer can be worked out from
/// `n`. The storage contract suites and the collection-search benchmark index the same rows.
public enum GeneratedIndexItems {
    public static let genres = ["Jazz", "Electronic", "Rock", "Funk / Soul", "Hip Hop", "Classical", "Pop", "Reggae"]
    public static let styles = [
        "Hard Bop", "Techno", "Shoegaze", "Soul", "Boom Bap", "Baroque", "Synth-pop", "Dub", "Ambient", "House",
    ]
    public static let words = [
        "Blue", "Night", "Morning", "River", "Dream", "Fire", "City", "Light", "Shadow", "Summer", "Winter", "Heart",
    ]

    /// `count` rows; `dateAdded` grows with the index, so insertion order is date order.
    public static func items(_ count: Int) -> [IndexedItem] {
        (0..<count).map { n in
            IndexedItem(
                instanceID: 1_000_000 + n,
                releaseID: 10_000 + n,
                folderID: 1 + n % 5,
                rating: n % 6,
                dateAdded: 1_600_000_000 + Double(n) * 3600,
                artists: ["Artist \(n % 700)"],
                artistDisplay: "Artist \(n % 700)",
                title: "\(words[n % 12]) \(words[(n / 12) % 12]) \(n)",
                labels: ["Label \(n % 90)"],
                catnos: ["CAT-\(n)"],
                formats: n % 3 == 0 ? ["CD", "Album"] : ["Vinyl", "LP", "Album"],
                formatDisplay: "Vinyl (LP)",
                genres: [genres[n % 8]],
                styles: [styles[n % 10], styles[(n / 10) % 10]],
                year: 1955 + n % 70
            )
        }
    }
}
