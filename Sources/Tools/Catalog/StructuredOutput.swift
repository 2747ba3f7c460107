import Discogs
import Foundation
import MCP

/// Turns Discogs values into `structuredContent` members, dropping what is absent.
///
/// Discogs sends `""` and `null` for missing data; leaving such members out keeps results short and
/// lets output schemas use plain types instead of nullable ones.
enum StructuredValue {
    static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (key, value) in pairs {
            if let value { members[key] = value }
        }
        return .object(members)
    }

    static func string(_ value: String?) -> JSONValue? {
        guard let value, !value.isEmpty else { return nil }
        return .string(value)
    }

    static func int(_ value: Int?) -> JSONValue? { value.map { .int(Int64($0)) } }

    static func number(_ value: Double?) -> JSONValue? { value.map { .double($0) } }

    static func bool(_ value: Bool?) -> JSONValue? { value.map { .bool($0) } }

    static func strings(_ values: [String]?) -> JSONValue? {
        guard let values else { return nil }
        return .array(values.map { .string($0) })
    }

    static func array<T>(_ values: [T]?, _ transform: (T) -> JSONValue) -> JSONValue? {
        guard let values else { return nil }
        return .array(values.map(transform))
    }

    static func price(_ price: Price?) -> JSONValue? {
        guard let price else { return nil }
        return object(["value": .double(price.value), "currency": string(price.currency)])
    }

    static func pagination(_ pagination: Pagination) -> JSONValue {
        [
            "page": .int(Int64(pagination.page)), "pages": .int(Int64(pagination.pages)),
            "items": .int(Int64(pagination.items)), "per_page": .int(Int64(pagination.perPage)),
        ]
    }

    /// "Showing 26–50 of 612 releases (page 2 of 25); ask for page 3 for more." — never a silent cut.
    /// `noun` is singular ("release"); the count picks the form.
    static func pageLine(_ pagination: Pagination, shown: Int, noun: String) -> String {
        guard pagination.items > 0, shown > 0 else {
            let none = "No \(Wording.pluralize(noun))"
            return pagination.page > 1
                ? "\(none) on page \(pagination.page) (\(pagination.items) in all, \(Wording.count(pagination.pages, "page")))." : "\(none) found."
        }
        let first = (pagination.page - 1) * pagination.perPage + 1
        var line =
            "Showing \(first)–\(first + shown - 1) of \(Wording.count(pagination.items, noun)) (page \(pagination.page) of \(pagination.pages))"
        line += pagination.hasNextPage ? "; ask for page \(pagination.page + 1) for more." : "."
        return line
    }

    static func priceText(_ price: Price?) -> String {
        guard let price else { return "—" }
        return "\(price.currency.map { "\($0) " } ?? "")" + String(format: "%.2f", price.value)
    }

    /// "512 bytes", "84 KiB".
    static func bytes(_ count: Int) -> String {
        count < 1024 ? Wording.count(count, "byte") : "\(count / 1024) KiB"
    }

    /// "Artist1 & Artist2" the way Discogs joins credited names.
    static func artistLine(_ credits: [ArtistCredit]?) -> String {
        guard let credits, !credits.isEmpty else { return "Unknown artist" }
        var line = ""
        for (index, credit) in credits.enumerated() {
            let name = (credit.anv?.isEmpty == false ? credit.anv : nil) ?? credit.name
            line += name
            if index < credits.count - 1 {
                let join = credit.join?.trimmingCharacters(in: .whitespaces) ?? ""
                line += join.isEmpty || join == "," ? ", " : " \(join) "
            }
        }
        return line
    }

    static func formatLine(_ formats: [Format]?) -> String? {
        guard let formats, !formats.isEmpty else { return nil }
        return formats.map { format in
            let quantity = format.qty.flatMap { Int($0.value) }.map { $0 > 1 ? "\($0)×" : "" } ?? ""
            return quantity + ([format.name] + (format.descriptions ?? [])).joined(separator: ", ")
        }.joined(separator: " + ")
    }

    static func credit(_ credit: ArtistCredit) -> JSONValue {
        object([
            "id": int(credit.id), "name": .string(credit.name), "anv": string(credit.anv), "join": string(credit.join),
            "role": string(credit.role), "tracks": string(credit.tracks),
        ])
    }

    static func label(_ label: LabelCredit) -> JSONValue {
        object(["id": int(label.id), "name": .string(label.name), "catno": string(label.catno)])
    }

    static func format(_ format: Format) -> JSONValue {
        object([
            "name": .string(format.name), "qty": string(format.qty?.value), "descriptions": strings(format.descriptions), "text": string(format.text),
        ])
    }

    static func stats(_ stats: ItemStats?) -> JSONValue? {
        guard let stats else { return nil }
        return object([
            "community_in_collection": int(stats.community?.inCollection), "community_in_wantlist": int(stats.community?.inWantlist),
            "you_have": int(stats.user?.inCollection), "you_want": int(stats.user?.inWantlist),
        ])
    }
}
