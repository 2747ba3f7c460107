import Discogs
import Foundation
import Storage

/// A generated collection for the index tests (`IndexSearchPathTests` checks every search path on it).
///
/// How fast the store searches it is measured by `bench/CollectionSearch` (`StoreSearch`, the same
/// generator), no longer asserted here: the unit suite asserts no durations.
enum GeneratedCollection {
    static let genres = ["Jazz", "Electronic", "Rock", "Funk / Soul", "Hip Hop", "Classical", "Pop", "Reggae"]
    static let styles = ["Hard Bop", "Techno", "Shoegaze", "Soul", "Boom Bap", "Baroque", "Synth-pop", "Dub", "Ambient", "House"]
    static let words = ["Blue", "Night", "Morning", "River", "Dream", "Fire", "City", "Light", "Shadow", "Summer", "Winter", "Heart"]

    static func items(_ count: Int) -> [IndexedItem] {
        (0..<count).map { n in
            IndexedItem(
                instanceID: 1_000_000 + n, releaseID: 10_000 + n, folderID: 1 + n % 5, rating: n % 6, dateAdded: 1_600_000_000 + Double(n) * 3600,
                artists: ["Artist \(n % 700)"], artistDisplay: "Artist \(n % 700)", title: "\(words[n % 12]) \(words[(n / 12) % 12]) \(n)",
                labels: ["Label \(n % 90)"], catnos: ["CAT-\(n)"], formats: n % 3 == 0 ? ["CD", "Album"] : ["Vinyl", "LP", "Album"],
                formatDisplay: "Vinyl (LP)", genres: [genres[n % 8]], styles: [styles[n % 10], styles[(n / 10) % 10]], year: 1955 + n % 70
            )
        }
    }
}
