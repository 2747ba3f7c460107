import Discogs
import Foundation
import MCP

/// The artist or label whose gaps are asked for, resolved to a Discogs id, plus what the user owns of it.
struct GapsSubject {
    enum Kind: String { case artist, label }

    var kind: Kind
    var id: Int
    var name: String
    /// The indexed copies credited to the subject.
    var items: [IndexedItem]

    /// At most this many listing pages (100 entries each) are read per call.
    static let maxListingPages = 5

    /// Resolves the one of artist, artist_id, label, label_id that was given.
    static func resolve(_ args: CatalogArguments, api: any DiscogsAPI, account: DiscogsAccount, index: CollectionIndex) async throws -> GapsSubject {
        let given = ["artist", "artist_id", "label", "label_id"].filter { args.values[$0] != nil }
        guard given.count == 1 else {
            throw ToolFailure(
                "Give exactly one of artist, artist_id, label or label_id (got \(given.isEmpty ? "none" : given.joined(separator: ", ")))."
            )
        }
        if let id = args.int("artist_id") {
            let name = CollectionGaps.cleanName(try await api.artist(id: id, as: account.credential).name)
            return GapsSubject(kind: .artist, id: id, name: name, items: try await owned(.artist, name, account.username, index))
        }
        if let id = args.int("label_id") {
            let name = try await api.label(id: id, as: account.credential).name
            return GapsSubject(kind: .label, id: id, name: name, items: try await owned(.label, name, account.username, index))
        }
        let kind: Kind = args.string("artist") != nil ? .artist : .label
        let name = try args.requiredString(kind.rawValue)
        let items = try await owned(kind, name, account.username, index)
        let credited = items.first { item in
            kind == .artist
                ? item.artists.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
                : item.labels.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        guard let credited else {
            throw ToolFailure(
                "No \(kind.rawValue) named “\(name)” in your collection index. get_collection_stats lists your \(kind.rawValue)s (exact names), "
                    + "or pass \(kind.rawValue)_id (search_database finds ids)."
            )
        }
        let release = try await api.release(id: credited.releaseID, as: account.credential)
        let id: Int? =
            switch kind {
            case .artist: release.artists?.first { CollectionGaps.cleanName($0.name).caseInsensitiveCompare(name) == .orderedSame }?.id
            case .label: release.labels?.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.id
            }
        guard let id else {
            throw ToolFailure(
                "Discogs no longer credits \(name) on release \(credited.releaseID); pass \(kind.rawValue)_id instead (search_database finds ids)."
            )
        }
        return GapsSubject(kind: kind, id: id, name: name, items: items.filter { $0 == credited || matches($0, kind, name) })
    }

    static func matches(_ item: IndexedItem, _ kind: Kind, _ name: String) -> Bool {
        let names = kind == .artist ? item.artists : item.labels
        return names.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Every indexed copy credited to the subject (the artist filter matches words, so the caller narrows).
    static func owned(_ kind: Kind, _ name: String, _ username: String, _ index: CollectionIndex) async throws -> [IndexedItem] {
        var items: [IndexedItem] = []
        var number = 1
        while true {
            let query = IndexQuery(
                username: username,
                list: .collection,
                artist: kind == .artist ? name : nil,
                label: kind == .label ? name : nil,
                sort: .year,
                order: .ascending,
                page: number,
                perPage: 100
            )
            let page = try await index.search(query)
            items += page.items.filter { matches($0, kind, name) }
            guard page.hasNextPage else { return items }
            number += 1
        }
    }

    /// The subject's main works from Discogs: at most `maxListingPages` pages; `total` is Discogs' count.
    func works(api: any DiscogsAPI, credential: DiscogsCredential) async throws -> (works: [CollectionGaps.Work], read: Int, total: Int) {
        var artistEntries: [ArtistRelease] = []
        var labelEntries: [LabelRelease] = []
        var total = 0
        for page in 1...Self.maxListingPages {
            let pagination: Pagination
            switch kind {
            case .artist:
                let listing = try await api.artistReleases(artistID: id, page: page, perPage: 100, sort: "year", sortOrder: "asc", as: credential)
                artistEntries += listing.items
                pagination = listing.pagination
            case .label:
                let listing = try await api.labelReleases(labelID: id, page: page, perPage: 100, as: credential)
                labelEntries += listing.items
                pagination = listing.pagination
            }
            total = pagination.items
            if !pagination.hasNextPage { break }
        }
        let works = kind == .artist ? CollectionGaps.artistWorks(artistEntries) : CollectionGaps.labelWorks(labelEntries)
        return (works, artistEntries.count + labelEntries.count, total)
    }
}
