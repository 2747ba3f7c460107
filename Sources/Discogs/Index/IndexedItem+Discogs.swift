import Foundation
import Storage

/// Flattening Discogs' listing items into index rows.
extension IndexedItem {
    /// A collection copy. The folder listing carries no tracklist and no country, so neither is indexed.
    public init(_ item: CollectionItem) {
        let fields = Dictionary((item.notes ?? []).compactMap { note in note.value.map { (note.fieldId, $0.value) } }.filter { !$0.1.isEmpty }) {
            first,
            _ in first
        }
        self.init(item.basicInformation, instanceID: item.instanceId, folderID: item.folderId, rating: item.rating ?? 0, dateAdded: item.dateAdded)
        fieldValues = fields
        notes = SQLiteCollectionIndexStore.notesText(fields)
    }

    /// A want; its instance id is the release id.
    public init?(_ want: Want) {
        guard let information = want.basicInformation else { return nil }
        self.init(information, instanceID: want.id, folderID: nil, rating: want.rating ?? 0, dateAdded: want.dateAdded)
        notes = want.notes ?? ""
    }

    init(_ information: BasicInformation, instanceID: Int, folderID: Int?, rating: Int, dateAdded: String?) {
        let credits = information.artists ?? []
        let display = credits.enumerated().map { index, credit in
            let name = IndexedItem.cleanArtistName(credit.anv.flatMap { $0.isEmpty ? nil : $0 } ?? credit.name)
            let join = (credit.join ?? "").trimmingCharacters(in: .whitespaces)
            guard index < credits.count - 1 else { return name }
            return join.isEmpty || join == "," ? name + "," : name + " " + join
        }.joined(separator: " ")
        let formats = information.formats ?? []
        self.init(
            instanceID: instanceID,
            releaseID: information.id,
            masterID: information.masterId.flatMap { $0 == 0 ? nil : $0 },
            folderID: folderID,
            rating: min(max(rating, 0), 5),
            dateAdded: dateAdded.flatMap(DiscogsDate.seconds(from:)),
            artists: credits.map { IndexedItem.cleanArtistName($0.name) },
            artistDisplay: display,
            title: information.title,
            labels: (information.labels ?? []).map(\.name),
            catnos: (information.labels ?? []).compactMap { $0.catno.flatMap { $0.isEmpty ? nil : $0 } },
            formats: formats.flatMap { [$0.name] + ($0.descriptions ?? []) },
            formatDisplay: IndexedItem.formatDisplay(formats),
            genres: information.genres ?? [],
            styles: information.styles ?? [],
            year: information.year?.value.flatMap { $0 > 0 ? $0 : nil },
            thumb: information.thumb.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// Drops Discogs' disambiguation suffix: "Nirvana (2)" → "Nirvana".
    static func cleanArtistName(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex else { return name }
        let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
        guard !inside.isEmpty, inside.allSatisfy(\.isNumber) else { return name }
        return String(name[..<open]).trimmingCharacters(in: .whitespaces)
    }

    /// "2×Vinyl (LP, Album); CD".
    static func formatDisplay(_ formats: [Format]) -> String {
        formats.map { format in
            let quantity = format.qty.flatMap { Int($0.value) } ?? 1
            let prefix = quantity > 1 ? "\(quantity)×" : ""
            let descriptions = format.descriptions ?? []
            return prefix + format.name + (descriptions.isEmpty ? "" : " (\(descriptions.joined(separator: ", ")))")
        }.joined(separator: "; ")
    }
}

/// Discogs timestamps (`2020-10-28T09:37:50-07:00`) to seconds since 1970, without a formatter per item.
public enum DiscogsDate {
    public static func seconds(from text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<(start + length) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2), let minute = number(14, 2),
            let second = number(17, 2)
        else { return nil }
        var offset = 0
        if bytes.count >= 25, bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"), let oh = number(20, 2), let om = number(23, 2) {
            offset = (oh * 3600 + om * 60) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
        }
        let days = daysFromCivil(year, month, day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
    }

    /// Howard Hinnant's days-from-civil.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
