import Discogs
import Foundation

/// Two collections compared by release: what both have, what each lacks, and the artists and styles
/// they share. Pure, so the arithmetic is tested without Discogs.
struct CollectionComparison {
    /// One release as either side knows it.
    struct Entry: Hashable {
        var releaseID: Int
        var masterID: Int?
        var artist: String
        var title: String
        var year: Int?
        var artists: [String]
        var styles: [String]
    }

    /// A name both collections hold, with how many releases on each side carry it.
    struct Shared: Hashable {
        var name: String
        var mine: Int
        var theirs: Int
    }

    let overlap: [Entry]
    let onlyMine: [Entry]
    let onlyTheirs: [Entry]
    /// Masters both own, but in different pressings only.
    let sameAlbumOtherPressing: [Int]
    let sharedArtists: [Shared]
    let sharedStyles: [Shared]

    /// Compares by release id; each side's copies of one release count once.
    init(mine: [Entry], theirs: [Entry]) {
        let mineByID = Self.unique(mine)
        let theirsByID = Self.unique(theirs)
        overlap = Self.sorted(mineByID.values.filter { theirsByID[$0.releaseID] != nil })
        onlyMine = Self.sorted(mineByID.values.filter { theirsByID[$0.releaseID] == nil })
        onlyTheirs = Self.sorted(theirsByID.values.filter { mineByID[$0.releaseID] == nil })
        let sharedMasters = Set(overlap.compactMap(\.masterID))
        let myMasters = Set(onlyMine.compactMap(\.masterID))
        sameAlbumOtherPressing = Set(onlyTheirs.compactMap(\.masterID)).intersection(myMasters).subtracting(sharedMasters).sorted()
        sharedArtists = Self.shared(Array(mineByID.values), Array(theirsByID.values), \.artists)
        sharedStyles = Self.shared(Array(mineByID.values), Array(theirsByID.values), \.styles)
    }

    static func unique(_ entries: [Entry]) -> [Int: Entry] {
        Dictionary(entries.map { ($0.releaseID, $0) }) { first, _ in first }
    }

    static func sorted(_ entries: [Entry]) -> [Entry] {
        entries.sorted {
            ($0.artist.lowercased(), $0.title.lowercased(), $0.releaseID) < ($1.artist.lowercased(), $1.title.lowercased(), $1.releaseID)
        }
    }

    /// Names on both sides (case-insensitive), most shared first: by the smaller side's count, then the sum, then name.
    static func shared(_ mine: [Entry], _ theirs: [Entry], _ names: KeyPath<Entry, [String]>) -> [Shared] {
        func counts(_ entries: [Entry]) -> [String: (name: String, count: Int)] {
            var result: [String: (name: String, count: Int)] = [:]
            for entry in entries {
                for name in Set(entry[keyPath: names].map { $0.lowercased() }) where !name.isEmpty {
                    let display = entry[keyPath: names].first { $0.lowercased() == name } ?? name
                    result[name, default: (display, 0)].count += 1
                }
            }
            return result
        }
        let (left, right) = (counts(mine), counts(theirs))
        return left.compactMap { key, value in right[key].map { Shared(name: value.name, mine: value.count, theirs: $0.count) } }
            .sorted { (min($0.mine, $0.theirs), $0.mine + $0.theirs, $1.name) > (min($1.mine, $1.theirs), $1.mine + $1.theirs, $0.name) }
    }
}

extension CollectionComparison.Entry {
    init(_ item: IndexedItem) {
        self.init(
            releaseID: item.releaseID,
            masterID: item.masterID,
            artist: item.artistDisplay,
            title: item.title,
            year: item.year,
            artists: item.artists,
            styles: item.styles
        )
    }

    /// Flattened the way the index flattens the user's own copies, so names compare alike.
    init(_ item: CollectionItem) {
        self.init(IndexedItem(item))
    }
}
