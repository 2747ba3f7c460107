import Discogs
import Foundation

/// What an artist's or label's main releases are, and which of them the user lacks: a pure function.
///
/// Artists: Discogs lists each main work once, as a master (all pressings) or as a lone release; a
/// master is owned when any copy in the collection belongs to it, a lone release when it is itself.
/// Labels: Discogs lists releases, without masters; one album pressed several times on the label is
/// one entry, owned when any of its releases (or an indexed copy with its artist and title) is.
enum CollectionGaps {
    struct Work: Sendable, Hashable {
        enum Kind: String, Sendable { case master, release }
        var kind: Kind
        /// The master id, or the (earliest) release id.
        var id: Int
        var title: String
        var artist: String?
        var year: Int?
        var format: String?
        /// How many releases of the label this work stands for (labels only).
        var releases: Int = 1
        var releaseIDs: [Int] = []
    }

    /// What the index says the user owns.
    struct Owned: Sendable {
        var masterIDs: Set<Int> = []
        var releaseIDs: Set<Int> = []
        /// Normalised "artist|title" of owned copies.
        var works: Set<String> = []

        init(_ items: [IndexedItem]) {
            for item in items {
                if let master = item.masterID { masterIDs.insert(master) }
                releaseIDs.insert(item.releaseID)
                for artist in item.artists { works.insert(CollectionGaps.key(artist: artist, title: item.title)) }
            }
        }
    }

    /// The main works of an artist (role Main), in Discogs' order.
    static func artistWorks(_ entries: [ArtistRelease]) -> [Work] {
        entries.filter { ($0.role ?? "Main") == "Main" }.map { entry in
            let isMaster = entry.type == "master"
            return Work(
                kind: isMaster ? .master : .release,
                id: entry.id,
                title: entry.title,
                artist: entry.artist,
                year: entry.year?.value.flatMap { $0 > 0 ? $0 : nil },
                format: entry.format.flatMap { $0.isEmpty ? nil : $0 },
                releaseIDs: isMaster ? entry.mainRelease.map { [$0] } ?? [] : [entry.id]
            )
        }
    }

    /// The label's releases grouped into works by artist and title, earliest release first.
    static func labelWorks(_ entries: [LabelRelease]) -> [Work] {
        var order: [String] = []
        var works: [String: Work] = [:]
        for entry in entries {
            let key = key(artist: entry.artist ?? "", title: entry.title)
            let year = entry.year?.value.flatMap { $0 > 0 ? $0 : nil }
            if var work = works[key] {
                work.releases += 1
                work.releaseIDs.append(entry.id)
                if let year, year < (work.year ?? Int.max) {
                    (work.id, work.year, work.format) = (entry.id, year, entry.format.flatMap { $0.isEmpty ? nil : $0 })
                }
                works[key] = work
            } else {
                order.append(key)
                works[key] = Work(
                    kind: .release,
                    id: entry.id,
                    title: entry.title,
                    artist: entry.artist,
                    year: year,
                    format: entry.format.flatMap { $0.isEmpty ? nil : $0 },
                    releaseIDs: [entry.id]
                )
            }
        }
        return order.compactMap { works[$0] }
    }

    /// `byTitle` (labels) also counts an indexed copy on the label with the work's artist and title (another catalogue number).
    static func isOwned(_ work: Work, _ owned: Owned, byTitle: Bool) -> Bool {
        switch work.kind {
        case .master: owned.masterIDs.contains(work.id)
        case .release:
            work.releaseIDs.contains(where: owned.releaseIDs.contains)
                || (byTitle && owned.works.contains(key(artist: work.artist ?? "", title: work.title)))
        }
    }

    /// "nirvana|nevermind": lowercased, without Discogs' "(2)" disambiguation, for matching a title across pressings.
    static func key(artist: String, title: String) -> String {
        "\(cleanName(artist).lowercased())|\(title.lowercased().trimmingCharacters(in: .whitespaces))"
    }

    /// Drops Discogs' disambiguation suffix: "Nirvana (2)" → "Nirvana".
    static func cleanName(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex else { return name }
        let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
        guard !inside.isEmpty, inside.allSatisfy(\.isNumber) else { return name }
        return String(name[..<open]).trimmingCharacters(in: .whitespaces)
    }
}
