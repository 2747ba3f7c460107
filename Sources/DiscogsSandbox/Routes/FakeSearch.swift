import Foundation
import Hummingbird

/// `/database/search`: every documented filter, applied case-insensitively over the fake catalog.
struct FakeSearch {
    enum Hit {
        case release(FakeRelease)
        case master(FakeMaster)
        case artist(FakeArtist)
        case label(FakeLabel)
    }

    let data: FakeDiscogsData
    let request: Request

    private func parameter(_ name: String) -> String? {
        guard let value = request.query(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value.lowercased()
    }

    private static func matches(_ haystack: String, _ query: String?) -> Bool {
        guard let query else { return true }
        let text = haystack.lowercased()
        return query.split(separator: " ").allSatisfy { text.contains($0) }
    }

    func run() -> [Hit] {
        let type = parameter("type")
        var hits: [Hit] = []
        let q = parameter("q")
        let releaseOnlyFilters = [
            "release_title", "title", "credit", "label", "genre", "style", "country", "year", "format", "catno", "barcode", "track",
        ]
        let hasReleaseFilters = releaseOnlyFilters.contains { parameter($0) != nil } || parameter("artist") != nil
        if type == nil || type == "artist", !hasReleaseFilters {
            hits += data.artists.values.sorted { $0.id < $1.id }
                .filter { Self.matches("\($0.name) \($0.realName) \($0.nameVariations.joined(separator: " "))", q) }
                .map(Hit.artist)
        }
        if type == nil || type == "label", !hasReleaseFilters {
            hits += data.labels.values.sorted { $0.id < $1.id }.filter { Self.matches($0.name, q) }.map(Hit.label)
        }
        let releases = data.releases.values.sorted { $0.id < $1.id }.filter(releaseMatches)
        if type == nil || type == "master" {
            var seen = Set<Int>()
            for release in releases {
                if let masterID = release.masterID, let master = data.masters[masterID], seen.insert(masterID).inserted {
                    hits.append(.master(master))
                }
            }
        }
        if type == nil || type == "release" { hits += releases.map(Hit.release) }
        return sorted(hits)
    }

    private func releaseMatches(_ release: FakeRelease) -> Bool {
        let artists = release.artists.map(\.name).joined(separator: " ")
        let labels = release.labels.map(\.name).joined(separator: " ")
        let catnos = release.labels.map(\.catno).joined(separator: " ")
        let formats = release.formats.flatMap { [$0.name] + $0.descriptions }.joined(separator: " ")
        let tracks = release.tracklist.map(\.title).joined(separator: " ")
        let credits = (release.extraArtists + release.tracklist.flatMap(\.extraArtists)).map(\.name).joined(separator: " ")
        let everything = [
            artists, release.title, labels, catnos, formats, release.genres.joined(separator: " "), release.styles.joined(separator: " "),
            String(release.year), release.country,
        ].joined(separator: " ")
        return Self.matches(everything, parameter("q"))
            && Self.matches(release.displayTitle, parameter("title"))
            && Self.matches(release.title, parameter("release_title"))
            && Self.matches(artists + " " + release.artists.map(\.anv).joined(separator: " "), parameter("artist"))
            && Self.matches(release.artists.map(\.anv).joined(separator: " "), parameter("anv"))
            && Self.matches(credits + " " + artists, parameter("credit"))
            && Self.matches(labels, parameter("label"))
            && Self.matches(release.genres.joined(separator: " "), parameter("genre"))
            && Self.matches(release.styles.joined(separator: " "), parameter("style"))
            && Self.matches(release.country, parameter("country"))
            && (parameter("year").map { $0 == String(release.year) } ?? true)
            && Self.matches(formats, parameter("format"))
            && Self.matches(catnos, parameter("catno"))
            && Self.matches(release.identifiers.map(\.value).joined(separator: " "), parameter("barcode"))
            && Self.matches(tracks, parameter("track"))
    }

    private func sorted(_ hits: [Hit]) -> [Hit] {
        guard let sort = parameter("sort") else { return hits }
        func key(_ hit: Hit) -> String {
            switch hit {
            case let .release(release): sort == "year" ? String(release.year) : sort == "artist" ? release.artistsSort : release.title
            case let .master(master): sort == "year" ? String(master.year) : master.title
            case let .artist(artist): artist.name
            case let .label(label): label.name
            }
        }
        let ordered = hits.stableSorted(by: key)
        return parameter("sort_order") == "desc" ? ordered.reversed() : ordered
    }
}

extension FakeRenderer {
    func searchResult(_ hit: FakeSearch.Hit) -> FakeJSON {
        switch hit {
        case let .artist(artist):
            return minimalResult("artist", artist.id, artist.name, "/artist/\(artist.id)-\(slug(artist.name))", "artists", image: ("A", artist.id))
        case let .label(label):
            return minimalResult("label", label.id, label.name, "/label/\(label.id)-\(slug(label.name))", "labels", image: ("L", label.id))
        case let .master(master):
            let main = data.releases[master.mainReleaseID]
            return releaseLike(
                main,
                type: "master",
                id: master.id,
                masterID: master.id,
                title: "\(main?.artistsSort ?? "") - \(master.title)",
                year: master.year,
                path: "masters"
            )
        case let .release(release):
            return releaseLike(
                release,
                type: "release",
                id: release.id,
                masterID: release.masterID,
                title: release.displayTitle,
                year: release.year,
                path: "releases"
            )
        }
    }

    private func minimalResult(_ type: String, _ id: Int, _ title: String, _ uri: String, _ path: String, image: (String, Int)) -> FakeJSON {
        [
            "id": .int(id), "type": .string(type), "title": .string(title), "uri": .string(uri),
            "resource_url": .string("\(base)/\(path)/\(id)"), "thumb": context.image(image.0, image.1, size: 150),
            "cover_image": context.image(image.0, image.1), "master_id": nil, "master_url": nil,
            "user_data": ["in_wantlist": false, "in_collection": false],
        ]
    }

    private func releaseLike(_ release: FakeRelease?, type: String, id: Int, masterID: Int?, title: String, year: Int, path: String) -> FakeJSON {
        let username = context.caller.tier == .user ? context.caller.username?.lowercased() : nil
        let owned = username.map { user in data.instances[user]?.contains { $0.releaseID == release?.id } ?? false } ?? false
        let wanted = username.map { user in data.wants[user]?.contains { $0.releaseID == release?.id } ?? false } ?? false
        let formats = release?.formats ?? []
        return [
            "id": .int(id), "type": .string(type), "title": .string(title), "country": .string(release?.country ?? ""),
            "year": .string(String(year)), "format": formats.flatMap { [$0.name] + $0.descriptions }.json,
            "label": (release?.labels.map(\.name) ?? []).json, "genre": (release?.genres ?? []).json, "style": (release?.styles ?? []).json,
            "catno": .string(release?.labels.first?.catno ?? ""), "barcode": (release?.identifiers.map(\.value) ?? []).json,
            "master_id": masterID.map { .int($0) } ?? .int(0), "master_url": masterID.map { .string("\(base)/masters/\($0)") } ?? .null,
            "uri": .string("/\(slug(title))/\(type)/\(id)"), "resource_url": .string("\(base)/\(path)/\(id)"),
            "thumb": context.image("R", release?.id ?? id, size: 150), "cover_image": context.image("R", release?.id ?? id),
            "community": ["want": .int(release?.want ?? 0), "have": .int(release?.have ?? 0)],
            "user_data": ["in_wantlist": .bool(wanted), "in_collection": .bool(owned)],
            "format_quantity": .int(formats.reduce(0) { $0 + $1.qty }),
            "formats": .array(formats.map(format)),
        ]
    }
}
