import Foundation
import MCP

/// Building blocks for input and output JSON Schemas, so every tool bounds the same things the same way.
enum CatalogSchema {
    // MARK: Input

    /// An argument object that rejects unknown names (a typo should fail loudly, not be ignored).
    static func input(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    static func id(_ description: String) -> JSONValue {
        ["type": "integer", "minimum": 1, "maximum": 9_999_999_999, "description": .string(description)]
    }

    static func integer(_ description: String, minimum: Int, maximum: Int) -> JSONValue {
        ["type": "integer", "minimum": .int(Int64(minimum)), "maximum": .int(Int64(maximum)), "description": .string(description)]
    }

    static func text(_ description: String, maxLength: Int = 200, minLength: Int = 1) -> JSONValue {
        ["type": "string", "minLength": .int(Int64(minLength)), "maxLength": .int(Int64(maxLength)), "description": .string(description)]
    }

    static func choice(_ values: [String], _ description: String) -> JSONValue {
        ["type": "string", "enum": .array(values.map { .string($0) }), "description": .string(description)]
    }

    static func flag(_ description: String) -> JSONValue {
        ["type": "boolean", "description": .string(description)]
    }

    static let page: JSONValue = ["type": "integer", "minimum": 1, "maximum": 10_000, "description": "1-based page number (default 1)."]

    static func perPage(default fallback: Int = 25) -> JSONValue {
        ["type": "integer", "minimum": 1, "maximum": 100, "description": .string("Items per page, 1–100 (default \(fallback)).")]
    }

    static let sortOrder = choice(["asc", "desc"], "Sort direction.")

    static let username = text("A Discogs username; defaults to the signed-in user.", maxLength: 100)

    /// The currencies Discogs converts prices into (`curr_abbr`).
    static let currencies = ["USD", "GBP", "EUR", "CAD", "AUD", "JPY", "CHF", "MXN", "BRL", "NZD", "SEK", "ZAR"]
    static let currency = choice(currencies, "Currency for prices; defaults to the signed-in user's own currency.")

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
    static let orderID: JSONValue = [
        "type": "string", "pattern": "^[0-9]+-[0-9]+$", "maxLength": 40, "description": "An order id such as \"1234567-12\" (order ids are strings).",
    ]

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
        ["id": int, "name": string, "anv": string, "join": string, "role": string, "tracks": string], required: ["name"]
    )
    static let labelCredit = object(["id": int, "name": string, "catno": string], required: ["name"])
    static let format = object(["name": string, "qty": string, "descriptions": strings, "text": string], required: ["name"])
    static let stats = object(["community_in_collection": int, "community_in_wantlist": int, "you_have": int, "you_want": int])
}
