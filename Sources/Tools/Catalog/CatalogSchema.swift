import Foundation
import MCP

/// Building blocks for input and output JSON Schemas, so every tool bounds the same things the same way.
enum CatalogSchema {
    // MARK: Input

    /// An argument object that rejects unknown names (a typo should fail loudly, not be ignored).
    ///
    /// A tool without arguments gets `{"type":"object","additionalProperties":false}`, the form the MCP spec recommends.
    static func input(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "additionalProperties": false]
        if !properties.isEmpty { schema["properties"] = .object(properties) }
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    /// A Discogs id (release, master, artist, label, listing, list). The name says which, so most need no description.
    static func id(_ description: String? = nil) -> JSONValue {
        described(["type": "integer", "minimum": 1, "maximum": 9_999_999_999], description)
    }

    static func integer(_ description: String? = nil, minimum: Int, maximum: Int, default fallback: Int? = nil) -> JSONValue {
        var rules: [String: JSONValue] = ["type": "integer", "minimum": .int(Int64(minimum)), "maximum": .int(Int64(maximum))]
        if let fallback { rules["default"] = .int(Int64(fallback)) }
        return described(rules, description)
    }

    /// A string argument. No `minLength`: a blank optional value means "not given" (`CatalogArguments.string`), and a
    /// blank required one is refused by name (`requiredString`), so the bound would only cost bytes.
    static func text(_ description: String? = nil, maxLength: Int = 200) -> JSONValue {
        described(["type": "string", "maxLength": .int(Int64(maxLength))], description)
    }

    static func choice(_ values: [String], _ description: String? = nil, default fallback: String? = nil) -> JSONValue {
        var rules: [String: JSONValue] = ["type": "string", "enum": .array(values.map { .string($0) })]
        if let fallback { rules["default"] = .string(fallback) }
        return described(rules, description)
    }

    static func flag(_ description: String? = nil) -> JSONValue {
        described(["type": "boolean"], description)
    }

    /// Adds a description only when there is one: a property whose name and rules say it all goes without.
    static func described(_ rules: [String: JSONValue], _ description: String?) -> JSONValue {
        var rules = rules
        if let description { rules["description"] = .string(description) }
        return .object(rules)
    }

    // MARK: Shared properties
    //
    // One wording for the arguments many tools take: every definition sits in the model's context on
    // every conversation, so a fact is said once, by the schema where it can be (bounds, defaults, enums).

    /// The last page worth asking for: 100 per page reaches a million items.
    static let page = integer(minimum: 1, maximum: 10_000)

    static func perPage(default fallback: Int = 25) -> JSONValue {
        integer(minimum: 1, maximum: 100, default: fallback)
    }

    static let sortOrder = choice(["asc", "desc"])

    /// Which copy of a release in the collection: the one place that says when it is needed.
    static let instanceID = id("Needed if there are several copies.")

    static let username = text("Default: the signed-in user.", maxLength: 100)

    /// The currencies Discogs converts prices into (`curr_abbr`).
    static let currencies = ["USD", "GBP", "EUR", "CAD", "AUD", "JPY", "CHF", "MXN", "BRL", "NZD", "SEK", "ZAR"]
    static let currency = choice(currencies)

    /// Media grades exactly as Discogs spells them.
    static let mediaConditions = [
        "Mint (M)", "Near Mint (NM or M-)", "Very Good Plus (VG+)", "Very Good (VG)", "Good Plus (G+)", "Good (G)", "Fair (F)", "Poor (P)",
    ]
    /// Sleeve grades: the media grades plus three sleeve-only values.
    static let sleeveConditions = mediaConditions + ["Generic", "Not Graded", "No Cover"]
    static let listingStatuses = ["All", "Deleted", "Draft", "Expired", "For Sale", "Sold", "Suspended", "Violation"]
    /// Order statuses a seller may set, exactly as Discogs spells them.
    static let orderStatuses = [
        "New Order", "Buyer Contacted", "Invoice Sent", "Payment Pending", "Payment Received", "In Progress", "Shipped",
        "Refund Sent", "Cancelled (Non-Paying Buyer)", "Cancelled (Item Unavailable)", "Cancelled (Per Buyer's Request)",
    ]
    /// Order ids are strings such as "1234567-12"; the pattern says so.
    static let orderID: JSONValue = ["type": "string", "pattern": "^[0-9]+-[0-9]+$", "maxLength": 40]

    // MARK: Output

    /// An output object; extra members are allowed, the listed ones must have the listed types.
    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    static let string: JSONValue = ["type": "string"]
    static let int: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let bool: JSONValue = ["type": "boolean"]
    static let strings: JSONValue = array(string)

    static let pagination = object(["page": int, "pages": int, "items": int, "per_page": int], required: ["page", "pages", "items", "per_page"])

    static let price = object(["value": number, "currency": string], required: ["value"])

    /// A paged answer: `pagination` plus the item array under `key`.
    static func paged(_ key: String, _ item: JSONValue, extra: [String: JSONValue] = [:]) -> JSONValue {
        var properties = extra
        properties["pagination"] = pagination
        properties[key] = array(item)
        return object(properties, required: ["pagination", key])
    }
}

extension CatalogSchema {
    static let credit = object(
        ["id": int, "name": string, "anv": string, "join": string, "role": string, "tracks": string],
        required: ["name"]
    )
    static let labelCredit = object(["id": int, "name": string, "catno": string], required: ["name"])
    static let format = object(["name": string, "qty": string, "descriptions": strings, "text": string], required: ["name"])
    static let stats = object(["community_in_collection": int, "community_in_wantlist": int, "you_have": int, "you_want": int])
}
