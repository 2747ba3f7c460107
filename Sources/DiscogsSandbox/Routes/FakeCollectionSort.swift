/// Collection folder ordering: `sort` ∈ label, artist, title, catno, format, rating, added, year.
enum FakeCollectionSort {
    /// Sorts copies; ties keep insertion order so pages are stable across requests.
    static func sort(_ copies: [FakeInstance], data: FakeDiscogsData, sort: String?, descending: Bool) -> [FakeInstance] {
        let sorted: [FakeInstance]
        switch sort {
        case "rating":
            sorted = stable(copies) { $0.rating }
        case "year":
            sorted = stable(copies) { data.releases[$0.releaseID]?.year ?? 0 }
        case "artist", "title", "label", "catno", "format":
            let field = sort ?? "added"
            sorted = stable(copies) { copy -> String in textKey(field, data.releases[copy.releaseID]) }
        default:
            sorted = stable(copies) { $0.dateAdded }
        }
        return descending ? sorted.reversed() : sorted
    }

    private static func textKey(_ field: String, _ release: FakeRelease?) -> String {
        guard let release else { return "" }
        switch field {
        case "artist": return release.artistsSort.lowercased()
        case "title": return release.title.lowercased()
        case "label": return release.labels.first?.name.lowercased() ?? ""
        case "catno": return release.labels.first?.catno.lowercased() ?? ""
        default: return release.formats.first?.name.lowercased() ?? ""
        }
    }

    private static func stable<Key: Comparable>(_ copies: [FakeInstance], key: (FakeInstance) -> Key) -> [FakeInstance] {
        copies.stableSorted(by: key)
    }
}
