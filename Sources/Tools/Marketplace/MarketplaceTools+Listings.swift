import Foundation
import Discogs
import MCP

extension MarketplaceTools {
    static func getInventory(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_inventory",
            title: "List a seller's inventory",
            description: """
                A seller's marketplace listings, one page at a time (the signed-in user's own by default, where every status is visible: \
                For Sale, Draft, Sold, Expired, …; other sellers show only For Sale items). Each listing has its id, release, price, condition and status; \
                use get_listing, update_listing or delete_listing on the ids.
                """,
            inputSchema: CatalogSchema.input([
                "username": CatalogSchema.username,
                "status": CatalogSchema.choice(CatalogSchema.listingStatuses, "Only listings with this status (own inventory only)."),
                "sort": CatalogSchema.choice(["listed", "price", "item", "artist", "label", "catno", "audio", "status", "location"], "Sort key (status and location only for your own inventory)."),
                "sort_order": CatalogSchema.sortOrder, "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
            ]),
            outputSchema: CatalogSchema.paged("listings", listingSchema, extra: ["username": CatalogSchema.string]),
            annotations: .discogsRead,
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let seller = username(arguments, account)
            let page = try await environment.api.inventory(
                username: seller, status: arguments.string("status"), sort: arguments.string("sort"), sortOrder: arguments.string("sort_order"),
                page: arguments.page, perPage: arguments.perPage(), as: account.credential
            )
            let lines = ["Inventory of \(seller). " + StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "listing")] + page.items.map(listingLine)
            return .text(lines.joined(separator: "\n"), structured: [
                "username": .string(seller), "pagination": StructuredValue.pagination(page.pagination), "listings": .array(page.items.map(listing)),
            ])
        }
    }

    static func getListing(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_listing",
            title: "Get a marketplace listing",
            description: "One marketplace listing by listing id: release, price, shipping, media and sleeve condition, comments, seller, status and whether offers are allowed.",
            inputSchema: CatalogSchema.input(["listing_id": CatalogSchema.id("The listing id."), "currency": CatalogSchema.currency], required: ["listing_id"]),
            outputSchema: listingSchema,
            annotations: .discogsRead,
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let found = try await environment.api.listing(id: try arguments.requiredInt("listing_id"), currency: arguments.string("currency"), as: account.credential)
            var lines = [listingLine(found)]
            if let seller = found.seller?.username { lines.append("Seller: \(seller)" + (found.shipsFrom.map { ", ships from \($0)" } ?? "")) }
            if let comments = found.comments, !comments.isEmpty { lines.append("Comments: \(comments)") }
            return .text(lines.joined(separator: "\n"), structured: listing(found))
        }
    }

    static let listingFields: [String: JSONValue] = [
        "condition": CatalogSchema.choice(CatalogSchema.mediaConditions, "Media condition, exactly as Discogs spells it."),
        "sleeve_condition": CatalogSchema.choice(CatalogSchema.sleeveConditions, "Sleeve condition (default Not Graded)."),
        "price": ["type": "number", "exclusiveMinimum": 0, "maximum": 1_000_000, "description": "Asking price in the seller's currency."],
        "status": CatalogSchema.choice(["For Sale", "Draft"], "For Sale publishes it; Draft keeps it hidden (default For Sale)."),
        "comments": CatalogSchema.text("Comments shown to buyers.", maxLength: 2_000, minLength: 0),
        "allow_offers": CatalogSchema.flag("Whether buyers may make offers."),
        "location": CatalogSchema.text("Private note of where the item is stored.", maxLength: 200, minLength: 0),
        "external_id": CatalogSchema.text("Private free-text id for your own records.", maxLength: 200, minLength: 0),
        "weight": CatalogSchema.integer("Weight in grams, for shipping.", minimum: 0, maximum: 100_000),
        "format_quantity": CatalogSchema.integer("Number of items counted for shipping.", minimum: 1, maximum: 100),
    ]

    /// The listing fields present in `arguments`, under Discogs' names.
    static func listingBody(_ arguments: CatalogArguments) -> [String: JSONBodyValue] {
        var body: [String: JSONBodyValue] = [:]
        for name in ["condition", "sleeve_condition", "status"] { if let value = arguments.string(name) { body[name] = .string(value) } }
        for name in ["comments", "location", "external_id"] { if let value = arguments.rawString(name) { body[name] = .string(value) } }
        if let price = arguments.double("price") { body["price"] = .double(price) }
        if let offers = arguments.bool("allow_offers") { body["allow_offers"] = .bool(offers) }
        for name in ["weight", "format_quantity"] { if let value = arguments.int(name) { body[name] = .int(value) } }
        return body
    }

    static func createListing(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        var properties = listingFields
        properties["release_id"] = CatalogSchema.id("The Discogs release id being sold.")
        let definition = ToolDefinition(
            name: "create_listing",
            title: "List a record for sale",
            description: """
                Creates a marketplace listing in the signed-in user's inventory: release id, media condition and price are required; sleeve condition, \
                comments, offers, status (For Sale or Draft), storage location and shipping details are optional. Use get_price_suggestions first \
                to pick a price. Returns the new listing id. Each call creates another listing.
                """,
            inputSchema: CatalogSchema.input(properties, required: ["release_id", "condition", "price"]),
            outputSchema: CatalogSchema.object(["listing_id": CatalogSchema.int, "release_id": CatalogSchema.int, "status": CatalogSchema.string], required: ["listing_id", "release_id"]),
            annotations: .discogsWrite(),
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let releaseID = try arguments.requiredInt("release_id")
            var body = listingBody(arguments)
            body["release_id"] = .int(releaseID)
            if body["status"] == nil { body["status"] = .string("For Sale") }
            let created = try await environment.api.createListing(fields: body, username: account.username, as: account.credential)
            let status = arguments.string("status") ?? "For Sale"
            return .text(
                "Created listing \(created.listingId) for release \(releaseID) (\(status), \(arguments.double("price").map { String($0) } ?? "?")).",
                structured: ["listing_id": .int(Int64(created.listingId)), "release_id": .int(Int64(releaseID)), "status": .string(status)]
            )
        }
    }

    static func updateListing(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        var properties = listingFields
        properties["listing_id"] = CatalogSchema.id("The listing to change (from get_inventory).")
        let definition = ToolDefinition(
            name: "update_listing",
            title: "Change a listing",
            description: """
                Changes one of the signed-in user's marketplace listings: price, conditions, comments, offers, status (For Sale or Draft), location \
                or shipping details. Only the fields given change; the rest are kept. Returns the listing as it now stands.
                """,
            inputSchema: CatalogSchema.input(properties, required: ["listing_id"]),
            outputSchema: listingSchema,
            annotations: .discogsWrite(idempotent: true),
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let listingID = try arguments.requiredInt("listing_id")
            var body = listingBody(arguments)
            guard !body.isEmpty else { throw ToolFailure("Nothing to change: give at least one of price, condition, sleeve_condition, comments, status, allow_offers, location.") }
            // Discogs requires release_id, condition, price and status on every edit; carry the current ones over.
            let current = try await environment.api.listing(id: listingID, as: account.credential)
            if let releaseID = current.release?.id { body["release_id"] = body["release_id"] ?? .int(releaseID) }
            if body["condition"] == nil, let condition = current.condition { body["condition"] = .string(condition) }
            if body["price"] == nil, let price = current.originalPrice ?? current.price { body["price"] = .double(price.value) }
            if body["status"] == nil, let status = current.status, ["For Sale", "Draft"].contains(status) { body["status"] = .string(status) }
            try await environment.api.updateListing(id: listingID, fields: body, username: account.username, as: account.credential)
            let updated = try await environment.api.listing(id: listingID, as: account.credential)
            return .text("Updated listing \(listingID):\n" + listingLine(updated), structured: listing(updated))
        }
    }

    static func deleteListing(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "delete_listing",
            title: "Delete a listing",
            description: """
                Permanently deletes one of the signed-in user's marketplace listings. This cannot be undone: the listing id, its comments and \
                posting date are gone (create_listing makes a new listing). To hide a listing temporarily, set its status to Draft with update_listing instead.
                """,
            inputSchema: CatalogSchema.input(["listing_id": CatalogSchema.id("The listing to delete.")], required: ["listing_id"]),
            outputSchema: CatalogSchema.object(["deleted_listing_id": CatalogSchema.int], required: ["deleted_listing_id"]),
            annotations: .discogsWrite(destructive: true, idempotent: true),
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let listingID = try arguments.requiredInt("listing_id")
            try await environment.api.deleteListing(id: listingID, username: account.username, as: account.credential)
            return .text("Deleted listing \(listingID).", structured: ["deleted_listing_id": .int(Int64(listingID))])
        }
    }
}
