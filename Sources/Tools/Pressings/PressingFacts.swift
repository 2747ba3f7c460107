import Discogs
import Foundation

/// What a ranking is asked for: the pressing to own, to play, or to buy now.
public enum PressingPurpose: String, CaseIterable, Sendable {
    case collector, listening, value

    /// Whether ranking needs one more Discogs read per version (release details or marketplace stats).
    var needsDetails: Bool { self != .collector }
}

/// Everything a ranking knows of one version of a master.
///
/// The versions listing gives the cheap facts (year, country, format words, community counts); the
/// detail facts (rating, notes, marketplace) cost one request each and stay nil until read.
public struct PressingFacts: Sendable, Hashable {
    public var releaseID: Int
    public var title: String
    public var label: String?
    public var catno: String?
    public var country: String?
    public var year: Int?
    /// The major format: Vinyl, CD, Cassette, File…
    public var formatName: String?
    /// Format descriptions as Discogs lists them: LP, Album, Limited Edition, Reissue, Remastered…
    public var descriptors: [String]
    public var have: Int?
    public var want: Int?
    public var owned: Bool
    /// Whether the detail facts were read (listening and value only).
    public var examined: Bool
    public var ratingAverage: Double?
    public var ratingCount: Int?
    public var notes: String?
    public var lowestPrice: Double?
    public var currency: String?
    public var numForSale: Int?

    public init(
        releaseID: Int,
        title: String,
        label: String? = nil,
        catno: String? = nil,
        country: String? = nil,
        year: Int? = nil,
        formatName: String? = nil,
        descriptors: [String] = [],
        have: Int? = nil,
        want: Int? = nil,
        owned: Bool = false,
        examined: Bool = false,
        ratingAverage: Double? = nil,
        ratingCount: Int? = nil,
        notes: String? = nil,
        lowestPrice: Double? = nil,
        currency: String? = nil,
        numForSale: Int? = nil
    ) {
        self.releaseID = releaseID
        self.title = title
        self.label = label
        self.catno = catno
        self.country = country
        self.year = year
        self.formatName = formatName
        self.descriptors = descriptors
        self.have = have
        self.want = want
        self.owned = owned
        self.examined = examined
        self.ratingAverage = ratingAverage
        self.ratingCount = ratingCount
        self.notes = notes
        self.lowestPrice = lowestPrice
        self.currency = currency
        self.numForSale = numForSale
    }

    /// The facts of a versions-listing entry. Its `format` is the description list ("LP, Album, Reissue").
    init(_ version: MasterVersion, owned: Bool) {
        let words = (version.format ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.init(
            releaseID: version.id,
            title: version.title,
            label: version.label,
            catno: version.catno,
            country: version.country,
            year: version.released.flatMap { Int($0.prefix(4)) }.flatMap { $0 > 0 ? $0 : nil },
            formatName: version.majorFormats?.first,
            descriptors: words,
            have: version.stats?.community?.inCollection,
            want: version.stats?.community?.inWantlist,
            owned: owned
        )
    }

    /// Adds what `/releases/{id}` tells a listener: the community rating, the notes, the full formats.
    mutating func learn(_ release: Release) {
        examined = true
        ratingAverage = release.community?.rating?.average
        ratingCount = release.community?.rating?.count
        notes = release.notes
        let described = (release.formats ?? []).flatMap { ($0.descriptions ?? []) + ($0.text.flatMap { $0.isEmpty ? nil : [$0] } ?? []) }
        for word in described where !descriptors.contains(where: { $0.caseInsensitiveCompare(word) == .orderedSame }) { descriptors.append(word) }
        if formatName == nil { formatName = release.formats?.first?.name }
    }

    /// Adds what `/marketplace/stats/{id}` tells a buyer.
    mutating func learn(_ stats: MarketplaceStats) {
        examined = true
        numForSale = stats.numForSale ?? 0
        lowestPrice = stats.blockedFromSale == true ? nil : stats.lowestPrice?.value
        currency = stats.lowestPrice?.currency
    }

    func has(_ descriptor: String) -> Bool {
        descriptors.contains { $0.caseInsensitiveCompare(descriptor) == .orderedSame }
    }
}

/// The master-wide facts a version is measured against.
public struct PressingBaseline: Sendable, Hashable {
    /// The master's (original) year.
    public var masterYear: Int?
    /// Discogs' main release of the master, usually the original.
    public var mainReleaseID: Int?
    /// The main release's country: the country of origin.
    public var originCountry: String?

    public init(masterYear: Int?, mainReleaseID: Int?, originCountry: String?) {
        self.masterYear = masterYear
        self.mainReleaseID = mainReleaseID
        self.originCountry = originCountry
    }
}
