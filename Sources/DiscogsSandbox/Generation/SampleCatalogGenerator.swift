/// Builds a believable catalog: artists, labels, masters with several versions, full releases.
struct SampleCatalogGenerator {
    var random: SeededRandom
    /// The generation "now" (2026-01-01), fixed so output does not depend on the wall clock.
    static let epoch = 1_767_225_600

    /// Discogs' `released` for a known month only: "2004-09-00" (zero-padded, day 00).
    static func releasedDate(year: Int, month: Int) -> String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-00"
    }

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func artists(count: Int) -> [FakeArtist] {
        var result: [FakeArtist] = []
        var used = Set<String>()
        for index in 0..<count {
            var name: String
            var attempts = 0
            repeat {
                name =
                    random.chance(0.5)
                    ? "\(random.pick(SampleVocabulary.firstNames)) \(random.pick(SampleVocabulary.lastNames))"
                    : "The \(random.pick(SampleVocabulary.bandAdjectives)) \(random.pick(SampleVocabulary.bandNouns))"
                attempts += 1
                if attempts > 4 { name += " \(index + 1)" }
            } while used.contains(name)
            used.insert(name)
            let isGroup = name.hasPrefix("The ")
            result.append(
                FakeArtist(
                    id: 100_000 + index,
                    name: name,
                    realName: isGroup ? "" : name,
                    profile: isGroup
                        ? "\(name) formed in \(random.int(1965...2015)) and have released records on several independent labels."
                        : "\(name) is a musician and producer from \(random.pick(SampleVocabulary.countries)).",
                    nameVariations: isGroup ? [String(name.dropFirst(4))] : [],
                    urls: ["https://\(name.lowercased().filter { $0.isLetter }).example.com"]
                )
            )
        }
        // Give a few groups members drawn from solo artists.
        let solos = result.filter { !$0.name.hasPrefix("The ") }.map(\.id)
        for index in result.indices where result[index].name.hasPrefix("The ") && !solos.isEmpty && random.chance(0.6) {
            result[index].memberIDs = (0..<random.int(2...4)).map { _ in random.pick(solos) }.reduce(into: []) {
                if !$0.contains($1) { $0.append($1) }
            }
        }
        return result
    }

    mutating func labels(count: Int) -> [FakeLabel] {
        var result: [FakeLabel] = []
        for index in 0..<count {
            let word = SampleVocabulary.labelWords[index % SampleVocabulary.labelWords.count]
            let suffix = SampleVocabulary.labelSuffixes[(index / SampleVocabulary.labelWords.count) % SampleVocabulary.labelSuffixes.count]
            let round = index / (SampleVocabulary.labelWords.count * SampleVocabulary.labelSuffixes.count)
            let name = round == 0 ? "\(word) \(suffix)" : "\(word) \(suffix) \(round + 1)"
            let parent = index >= 6 && random.chance(0.15) ? 2_000 + random.int(0...5) : nil
            result.append(
                FakeLabel(
                    id: 2_000 + index,
                    name: name,
                    profile: "\(name) is an independent label founded in \(random.int(1958...2018)).",
                    contactInfo: "\(name)\nPO Box \(random.int(10...999))",
                    parentLabelID: parent,
                    urls: ["https://\(word.lowercased().filter { $0.isLetter }).example.com"]
                )
            )
        }
        return result
    }

    private mutating func title() -> String {
        let words = SampleVocabulary.titleWords
        switch random.int(0...3) {
        case 0: return random.pick(words)
        case 1: return "\(random.pick(words)) \(random.pick(words))"
        case 2: return "The \(random.pick(words)) \(random.pick(["Sessions", "Tapes", "Suite", "Years", "Room"]))"
        default: return "\(random.pick(words)) of \(random.pick(words))"
        }
    }

    private mutating func format() -> FakeRelease.Format {
        var roll = random.int(1...100)
        for family in SampleVocabulary.formats {
            roll -= family.weight
            if roll <= 0 {
                let descriptions = random.pick(family.descriptions)
                let qty = family.name == "Vinyl" && descriptions.contains("LP") && random.chance(0.15) ? 2 : 1
                return FakeRelease.Format(name: family.name, qty: qty, descriptions: descriptions, text: random.chance(0.1) ? "Limited Edition" : "")
            }
        }
        return FakeRelease.Format(name: "Vinyl", qty: 1, descriptions: ["LP", "Album"])
    }

    /// Releases grouped under masters (1–4 versions each; about one in five has no master).
    mutating func releases(count: Int, artists: [FakeArtist], labels: [FakeLabel]) -> (releases: [FakeRelease], masters: [FakeMaster]) {
        var releases: [FakeRelease] = []
        var masters: [FakeMaster] = []
        releases.reserveCapacity(count)
        var nextReleaseID = 1_000_000
        var nextMasterID = 500_000
        while releases.count < count {
            let artist = random.pickSkewed(artists)
            let genre = random.pick(SampleVocabulary.genreStyles)
            var styles = [random.pick(genre.styles)]
            if random.chance(0.4) { styles.append(random.pick(genre.styles)) }
            styles = styles.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            let workTitle = title()
            let spread = 1 - Double(random.int(0...1_000)) / 1_000
            let firstYear = min(2025, 1955 + Int(70 * (1 - spread * spread)))
            let versions = min(count - releases.count, random.chance(0.2) ? 1 : random.int(1...4))
            let hasMaster = versions > 1 || random.chance(0.75)
            let masterID = hasMaster ? nextMasterID : nil
            var versionIDs: [Int] = []
            let tracks = tracklist(count: random.int(4...11), artist: artist)
            for version in 0..<versions {
                let label = random.pickSkewed(labels)
                let year = version == 0 ? firstYear : min(2025, firstYear + random.int(1...30))
                let id = nextReleaseID
                nextReleaseID += random.int(1...37)
                versionIDs.append(id)
                releases.append(
                    makeVersion(
                        id: id,
                        year: year,
                        label: label,
                        artist: artist,
                        artists: artists,
                        title: workTitle,
                        genre: genre.genre,
                        styles: styles,
                        masterID: masterID,
                        tracks: tracks,
                        note: version == 0 ? "Original release." : "Reissue of the \(firstYear) album."
                    )
                )
            }
            if let masterID {
                nextMasterID += random.int(1...11)
                masters.append(FakeMaster(id: masterID, title: workTitle, year: firstYear, mainReleaseID: versionIDs[0], versionIDs: versionIDs))
            }
        }
        return (releases, masters)
    }

    /// One version of a work; the random draws happen in the order the catalogue's seed fixes.
    private mutating func makeVersion(
        id: Int,
        year: Int,
        label: FakeLabel,
        artist: FakeArtist,
        artists: [FakeArtist],
        title workTitle: String,
        genre: String,
        styles: [String],
        masterID: Int?,
        tracks: [FakeRelease.Track],
        note: String
    ) -> FakeRelease {
        let have = random.int(20...9_000)
        let median = Double(random.int(300...6_000)) / 100 * (year < 1980 ? 1.8 : 1)
        var credits = [FakeRelease.Credit(artistID: artist.id, name: artist.name)]
        if random.chance(0.08) {
            let guest = random.pick(artists)
            if guest.id != artist.id {
                credits[0].join = "&"
                credits.append(FakeRelease.Credit(artistID: guest.id, name: guest.name))
            }
        }
        let producer = random.pick(artists)
        return FakeRelease(
            id: id,
            title: workTitle,
            year: year,
            country: random.pick(SampleVocabulary.countries),
            released: Self.releasedDate(year: year, month: random.int(1...12)),
            artists: credits,
            labels: [.init(labelID: label.id, name: label.name, catno: "\(label.name.prefix(3).uppercased())-\(random.int(1...999))")],
            formats: [format()],
            genres: [genre],
            styles: styles,
            masterID: masterID,
            tracklist: tracks,
            extraArtists: [.init(artistID: producer.id, name: producer.name, role: random.pick(SampleVocabulary.roles))],
            identifiers: [
                .init(type: "Barcode", value: String(random.int(100_000_000_000...999_999_999_999)), description: "Text"),
                .init(type: "Matrix / Runout", value: "\(label.name.prefix(3).uppercased()) \(random.int(1...999)) A", description: "Side A"),
            ],
            notes: note,
            have: have,
            want: random.int(5...max(6, have / 2)),
            ratingCount: random.int(3...400),
            ratingAverage: Double(random.int(300...495)) / 100,
            medianPriceUSD: median,
            numForSale: random.chance(0.8) ? random.int(1...60) : 0,
            dataQuality: random.chance(0.85) ? "Correct" : "Needs Vote",
            dateAdded: Self.epoch - random.int(86_400...(20 * 365 * 86_400))
        )
    }

    private mutating func tracklist(count: Int, artist: FakeArtist) -> [FakeRelease.Track] {
        let sides = ["A", "B", "C", "D"]
        let perSide = max(1, (count + 1) / 2)
        return (0..<count).map { index in
            let side = sides[min(sides.count - 1, index / perSide)]
            let seconds = random.int(95...560)
            return FakeRelease.Track(
                position: "\(side)\(index % perSide + 1)",
                title: title(),
                duration: "\(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)"
            )
        }
    }
}
