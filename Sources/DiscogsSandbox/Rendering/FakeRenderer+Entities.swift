import Foundation
import Hummingbird

/// Masters, versions, artists and labels in the real API's shapes.
extension FakeRenderer {
    func master(_ master: FakeMaster, currency: String) -> FakeJSON {
        let main = data.releases[master.mainReleaseID]
        let newest = master.versionIDs.last ?? master.mainReleaseID
        let forSale = master.versionIDs.compactMap { data.releases[$0] }
        let lowest = forSale.compactMap(\.lowestPriceUSD).min()
        return [
            "id": .int(master.id), "main_release": .int(master.mainReleaseID),
            "most_recent_release": .int(newest),
            "resource_url": .string("\(base)/masters/\(master.id)"),
            "uri": .string("https://www.discogs.com/master/\(master.id)-\(slug(master.title))"),
            "versions_url": .string("\(base)/masters/\(master.id)/versions"),
            "main_release_url": .string("\(base)/releases/\(master.mainReleaseID)"),
            "most_recent_release_url": .string("\(base)/releases/\(newest)"),
            "num_for_sale": .int(forSale.reduce(0) { $0 + $1.numForSale }),
            "lowest_price": lowest.map { .double(FakeMoney.convert($0, to: currency)) } ?? .null,
            "images": images("R", master.mainReleaseID),
            "genres": (main?.genres ?? []).json, "styles": (main?.styles ?? []).json,
            "year": .int(master.year),
            "tracklist": .array((main?.tracklist ?? []).map(track)),
            "artists": .array((main?.artists ?? []).map { credit($0, thumbnail: true) }),
            "title": .string(master.title), "data_quality": "Correct",
            "videos": [],
        ]
    }

    /// Versions of a master with filters, facets and sorting applied.
    func versions(_ master: FakeMaster, request: Request) -> ([FakeJSON], [(String, FakeJSON)]) {
        var releases = master.versionIDs.compactMap { data.releases[$0] }
        let filters: [(String, (FakeRelease) -> String)] = [
            ("format", { $0.formats.first?.name ?? "" }), ("label", { $0.labels.first?.name ?? "" }),
            ("country", { $0.country }), ("released", { String($0.year) }),
        ]
        var applied: [(String, FakeJSON)] = []
        var available: [(String, FakeJSON)] = []
        for (name, key) in filters {
            var counts: [String: Int] = [:]
            for release in releases { counts[key(release), default: 0] += 1 }
            available.append((name, .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })))
        }
        for (name, key) in filters {
            if let wanted = request.query(name), !wanted.isEmpty {
                releases = releases.filter { key($0).lowercased() == wanted.lowercased() }
                applied.append((name, [.string(wanted)]))
            }
        }
        let sortKey: (FakeRelease) -> String =
            switch request.query("sort") {
            case "title": { $0.title }
            case "format": { $0.formats.first?.name ?? "" }
            case "label": { $0.labels.first?.name ?? "" }
            case "catno": { $0.labels.first?.catno ?? "" }
            case "country": { $0.country }
            default: { $0.released }
            }
        releases.sort { sortKey($0) == sortKey($1) ? $0.id < $1.id : sortKey($0) < sortKey($1) }
        if request.query("sort_order") == "desc" { releases.reverse() }
        let items: [FakeJSON] = releases.map { release in
            let format = release.formats.first
            return [
                "id": .int(release.id), "label": .string(release.labels.first?.name ?? ""), "country": .string(release.country),
                "title": .string(release.title), "major_formats": [.string(format?.name ?? "Vinyl")],
                "format": .string(format.map { ([$0.name] + $0.descriptions).dropFirst().joined(separator: ", ") } ?? ""),
                "catno": .string(release.labels.first?.catno ?? ""), "released": .string(String(release.year)), "status": "Accepted",
                "resource_url": .string("\(base)/releases/\(release.id)"), "thumb": context.image("R", release.id, size: 150),
                "stats": stats(release),
            ]
        }
        let facets: FakeJSON = .array(
            available.map { name, counts in
                guard case let .object(pairs) = counts else { return .null }
                return [
                    "title": .string(name.capitalized), "id": .string(name),
                    "values": .array(pairs.map { ["title": .string($0.0), "value": .string($0.0), "count": $0.1] }), "allows_multiple_values": true,
                ]
            }
        )
        return (items, [("filters", ["applied": .object(applied), "available": .object(available)]), ("filter_facets", facets)])
    }

    /// Community stats, plus the caller's own when authenticated as a user.
    func stats(_ release: FakeRelease) -> FakeJSON {
        var json: FakeJSON = ["community": ["in_wantlist": .int(release.want), "in_collection": .int(release.have)]]
        if let username = context.caller.username?.lowercased(), context.caller.tier == .user {
            let owned = data.instances[username]?.contains { $0.releaseID == release.id } ?? false
            let wanted = data.wants[username]?.contains { $0.releaseID == release.id } ?? false
            json = json.setting("user", ["in_wantlist": .int(wanted ? 1 : 0), "in_collection": .int(owned ? 1 : 0)])
        }
        return json
    }

    func artist(_ artist: FakeArtist) -> FakeJSON {
        var pairs: [(String, FakeJSON)] = [
            ("name", .string(artist.name)), ("id", .int(artist.id)),
            ("resource_url", .string("\(base)/artists/\(artist.id)")),
            ("uri", .string("https://www.discogs.com/artist/\(artist.id)-\(slug(artist.name))")),
            ("releases_url", .string("\(base)/artists/\(artist.id)/releases")),
            ("images", images("A", artist.id)), ("realname", .string(artist.realName)), ("profile", .string(artist.profile)),
            ("urls", artist.urls.json), ("namevariations", artist.nameVariations.json), ("aliases", []),
            ("data_quality", "Correct"),
        ]
        if !artist.memberIDs.isEmpty {
            pairs.append(
                (
                    "members",
                    .array(
                        artist.memberIDs.compactMap { data.artists[$0] }.map { member in
                            [
                                "id": .int(member.id), "name": .string(member.name), "resource_url": .string("\(base)/artists/\(member.id)"),
                                "active": true, "thumbnail_url": context.image("A", member.id, size: 150),
                            ]
                        }
                    )
                )
            )
        }
        return .object(pairs)
    }

    func artistReleases(_ artist: FakeArtist, sort: String?, descending: Bool) -> [FakeJSON] {
        let releases = data.releases.values.filter { $0.artists.contains { $0.artistID == artist.id } }
        var rows: [(year: Int, title: String, format: String, json: FakeJSON)] = []
        var seenMasters = Set<Int>()
        for release in releases.sorted(by: { $0.id < $1.id }) {
            if let masterID = release.masterID, let master = data.masters[masterID] {
                guard seenMasters.insert(masterID).inserted else { continue }
                rows.append(
                    (
                        master.year, master.title, "",
                        [
                            "id": .int(master.id), "type": "master", "main_release": .int(master.mainReleaseID),
                            "title": .string(master.title), "artist": .string(release.artistsSort), "role": "Main", "year": .int(master.year),
                            "resource_url": .string("\(base)/masters/\(master.id)"), "thumb": context.image("R", master.mainReleaseID, size: 150),
                            "stats": stats(release),
                        ]
                    )
                )
            } else {
                let format = release.formats.first.map { ([$0.name] + $0.descriptions).joined(separator: ", ") } ?? ""
                rows.append(
                    (
                        release.year, release.title, format,
                        [
                            "id": .int(release.id), "type": "release", "status": "Accepted", "format": .string(format),
                            "label": .string(release.labels.first?.name ?? ""), "title": .string(release.title),
                            "artist": .string(release.artistsSort), "role": "Main", "year": .int(release.year),
                            "resource_url": .string("\(base)/releases/\(release.id)"), "thumb": context.image("R", release.id, size: 150),
                            "stats": stats(release),
                        ]
                    )
                )
            }
        }
        switch sort {
        case "title": rows.sort { $0.title < $1.title }
        case "format": rows.sort { $0.format < $1.format }
        default: rows.sort { $0.year < $1.year }
        }
        if descending { rows.reverse() }
        return rows.map(\.json)
    }

    func label(_ label: FakeLabel) -> FakeJSON {
        var pairs: [(String, FakeJSON)] = [
            ("id", .int(label.id)), ("name", .string(label.name)), ("profile", .string(label.profile)),
            ("contact_info", .string(label.contactInfo)), ("urls", label.urls.json),
            ("resource_url", .string("\(base)/labels/\(label.id)")),
            ("uri", .string("https://www.discogs.com/label/\(label.id)-\(slug(label.name))")),
            ("releases_url", .string("\(base)/labels/\(label.id)/releases")),
            ("images", images("L", label.id)), ("data_quality", "Correct"),
            (
                "sublabels",
                .array(
                    data.labels.values.filter { $0.parentLabelID == label.id }.sorted { $0.id < $1.id }.map {
                        ["id": .int($0.id), "name": .string($0.name), "resource_url": .string("\(base)/labels/\($0.id)")]
                    }
                )
            ),
        ]
        if let parentID = label.parentLabelID, let parent = data.labels[parentID] {
            pairs.append(
                ("parent_label", ["id": .int(parent.id), "name": .string(parent.name), "resource_url": .string("\(base)/labels/\(parent.id)")])
            )
        }
        return .object(pairs)
    }

    func labelReleases(_ label: FakeLabel) -> [FakeJSON] {
        data.releases.values.filter { $0.labels.contains { $0.labelID == label.id } }.sorted { $0.id < $1.id }.map { release in
            [
                "id": .int(release.id), "status": "Accepted",
                "format": .string(release.formats.first.map { ([$0.name] + $0.descriptions).joined(separator: ", ") } ?? ""),
                "catno": .string(release.labels.first { $0.labelID == label.id }?.catno ?? ""),
                "thumb": context.image("R", release.id, size: 150), "resource_url": .string("\(base)/releases/\(release.id)"),
                "title": .string(release.title), "year": .int(release.year), "artist": .string(release.artistsSort),
                "stats": stats(release),
            ]
        }
    }
}
