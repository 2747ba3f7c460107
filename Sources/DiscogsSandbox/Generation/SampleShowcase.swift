/// Masters whose versions' facts order them without ambiguity for each way of ranking pressings.
///
/// Random versions rarely make one pressing better than another on every fact a ranking weighs, so
/// tests of `rank_pressings` could only check scores against the server's own formula. Here, for each
/// purpose, every version is at least as good as the next one on every fact and strictly better on
/// one (a dominance chain), so the expected order follows from the data under any sensible weights:
///
/// - collector: first press, Discogs' main release, the original's country, earlier year, collectible
///   format details (Limited Edition, Numbered, Gatefold), no reissue marker;
/// - listening: community rating average and count, format (Vinyl over Cassette), remastered;
/// - value: for sale at all, lower lowest price, more copies for sale, more haves per want.
///
/// The collector sees one version of each master (the third collector choice, so a better pressing
/// exists): it replaces the release of an unrated copy near the end of the collection, keeping the
/// collection's size and the random catalog untouched.
enum SampleShowcase {
    struct Plan {
        var title: String
        var year: Int
        var country: String
        /// Version indexes best first for listening and for value (collector order is 0, 1, 2, 3, 4).
        var listening: [Int]
        var value: [Int]
    }

    static let plans = [
        Plan(title: "Harbour Lights", year: 1971, country: "UK", listening: [3, 1, 4, 0, 2], value: [4, 2, 0, 3, 1]),
        Plan(title: "Northern Static", year: 1984, country: "US", listening: [1, 3, 0, 2, 4], value: [2, 4, 1, 0, 3]),
        Plan(title: "Glass Orchard", year: 1996, country: "Germany", listening: [4, 0, 3, 2, 1], value: [0, 1, 3, 4, 2]),
    ]
    static let firstMasterID = 880_000
    static let firstReleaseID = 5_000_000
    /// The version index the collector owns.
    static let ownedVersion = 2
    /// Below this many copies the sample is kept exactly as generated (small test collections).
    static let minimumCollection = 60
    static let otherCountries = ["Japan", "Netherlands", "Canada"]

    /// Adds the showcase masters to `data` and gives `username` one version of each.
    static func add(to data: inout FakeDiscogsData, username: String) {
        let key = username.lowercased()
        guard let artist = data.artists.values.min(by: { $0.id < $1.id }), let label = data.labels.values.min(by: { $0.id < $1.id }),
            var copies = data.instances[key], copies.count >= minimumCollection
        else { return }
        var replaceable = copies.indices.reversed().filter { copies[$0].rating == 0 && copies[$0].fieldValues.isEmpty }.makeIterator()
        for (number, plan) in plans.enumerated() {
            let masterID = firstMasterID + number
            let ids = (0..<5).map { firstReleaseID + number * 10 + $0 }
            for version in 0..<5 {
                data.releases[ids[version]] = release(plan, version: version, id: ids[version], masterID: masterID, artist: artist, label: label)
            }
            data.masters[masterID] = FakeMaster(id: masterID, title: plan.title, year: plan.year, mainReleaseID: ids[0], versionIDs: ids)
            if let slot = replaceable.next() { copies[slot].releaseID = ids[ownedVersion] }
        }
        data.instances[key] = copies
    }

    /// Version `version` of `plan`: its collector rank is `version`, its other ranks come from the plan.
    static func release(_ plan: Plan, version: Int, id: Int, masterID: Int, artist: FakeArtist, label: FakeLabel) -> FakeRelease {
        let listening = plan.listening.firstIndex(of: version) ?? 4
        let value = plan.value.firstIndex(of: version) ?? 4
        let year = plan.year + 6 * version
        let name = listening == 4 ? "Cassette" : "Vinyl"
        var descriptions = name == "Vinyl" ? ["LP", "Album"] : ["Album"]
        descriptions += [["Limited Edition", "Numbered"], ["Reissue", "Gatefold"], ["Reissue", "Gatefold"], ["Reissue"], ["Reissue"]][version]
        if listening < 2 { descriptions.append("Remastered") }
        let lowest = value < 4 ? Double(9 + 8 * value) : nil
        let have = 4_000 - 700 * value
        return FakeRelease(
            id: id,
            title: plan.title,
            year: year,
            country: version < 2 ? plan.country : otherCountries[version % otherCountries.count],
            released: SampleCatalogGenerator.releasedDate(year: year, month: 3 + version),
            artists: [.init(artistID: artist.id, name: artist.name)],
            labels: [.init(labelID: label.id, name: label.name, catno: "\(label.name.prefix(3).uppercased())-\(700 + version)")],
            formats: [.init(name: name, qty: 1, descriptions: descriptions)],
            genres: ["Rock"],
            styles: ["Psychedelic Rock"],
            masterID: masterID,
            tracklist: (1...6).map {
                .init(position: "\($0 <= 3 ? "A" : "B")\(($0 - 1) % 3 + 1)", title: "\(plan.title) Part \($0)", duration: "4:0\($0)")
            },
            extraArtists: [],
            identifiers: [],
            notes: (version == 0 ? "Original release." : "Reissue of the \(plan.year) album.")
                + (listening < 2 ? " Remastered from the original tapes." : ""),
            have: have,
            want: 100 + 150 * value,
            ratingCount: 500 - 90 * listening,
            ratingAverage: 4.8 - 0.25 * Double(listening),
            medianPriceUSD: (lowest ?? 30) / 0.62,
            numForSale: lowest == nil ? 0 : 40 - 9 * value,
            dateAdded: SampleCatalogGenerator.epoch - (400 + 30 * version) * 86_400
        )
    }
}
