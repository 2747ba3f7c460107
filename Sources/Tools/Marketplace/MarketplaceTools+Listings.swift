import Discogs
import Foundation
import MCP

extension MarketplaceTools {
    static func getInventory(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_inventory",
            title: "List a seller's inventory",
            description: "A seller's listings (default the user's own, in every status; others show For Sale only).",
            inputSchema: CatalogSchema.input([
                "username": CatalogSchema.username,
                "status": CatalogSchema.choice(CatalogSchema.listingStatuses, "Own inventory only."),
                "sort": CatalogSchema.choice(
                    ["listed", "price", "item", "artist", "label", "catno", "audio", "status", "location"],
                    "status, location: own only."
                ),
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
                username: seller,
                status: arguments.string("status"),
                sort: arguments.string("sort"),
                sortOrder: arguments.string("sort_order"),
                page: arguments.page,
                perPage: arguments.perPage(),
                as: account.credential
            )
            let lines =
                ["Inventory of \(seller). " + StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "listing")]
                + page.items.map(listingLine)
            return .text(
                lines.joined(separator: "\n"),
                structured: [
                    "username": .string(seller), "pagination": StructuredValue.pagination(page.pagination),
                    "listings": .array(page.items.map(listing)),
                ]
            )
        }
    }

    static func getListing(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_listing",
            title: "Get a marketplace listing",
            description: "One marketplace listing: release, price, shipping, conditions, comments, seller, status, offers allowed.",
            inputSchema: CatalogSchema.input(["listing_id": CatalogSchema.id(), "currency": CatalogSchema.currency], required: ["listing_id"]),
            outputSchema: listingSchema,
            annotations: .discogsRead,
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let found = try await environment.api.listing(
                id: try arguments.requiredInt("listing_id"),
                currency: arguments.string("currency"),
                as: account.credential
            )
            var lines = [listingLine(found)]
            if let seller = found.seller?.username { lines.append("Seller: \(seller)" + (found.shipsFrom.map { ", ships from \($0)" } ?? "")) }
            if let comments = found.comments, !comments.isEmpty { lines.append("Comments: \(comments)") }
            return .text(lines.joined(separator: "\n"), structured: listing(found))
        }
    }

    /// The fields create_listing and update_listing share; a new listing also states the defaults it gets.
    static func listingFields(creating: Bool) -> [String: JSONValue] {
        [
            "condition": CatalogSchema.choice(CatalogSchema.mediaConditions, "Media grade."),
            "sleeve_condition": CatalogSchema.choice(CatalogSchema.sleeveConditions, default: creating ? "Not Graded" : nil),
            "price": ["type": "number", "exclusiveMinimum": 0, "maximum": 1_000_000, "description": "In the seller's currency."],
            "status": CatalogSchema.choice(["For Sale", "Draft"], default: creating ? "For Sale" : nil),
            "comments": CatalogSchema.text(maxLength: 2_000),
            "allow_offers": CatalogSchema.flag(),
            "location": CatalogSchema.text("Private storage note."),
            "external_id": CatalogSchema.text(),
            "weight": CatalogSchema.integer("Grams.", minimum: 0, maximum: 100_000),
            "format_quantity": CatalogSchema.integer("Items counted for shipping.", minimum: 1, maximum: 100),
        ]
    }

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
        var properties = listingFields(creating: true)
        properties["release_id"] = CatalogSchema.id()
        let definition = ToolDefinition(
            name: "create_listing",
            title: "List a record for sale",
            description: "Lists a release for sale in the user's inventory; returns the listing id. Each call creates another listing.",
            inputSchema: CatalogSchema.input(properties, required: ["release_id", "condition", "price"]),
            outputSchema: CatalogSchema.object(
                ["listing_id": CatalogSchema.int, "release_id": CatalogSchema.int, "status": CatalogSchema.string],
                required: ["listing_id", "release_id"]
            ),
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
        var properties = listingFields(creating: false)
        properties["listing_id"] = CatalogSchema.id()
        let definition = ToolDefinition(
            name: "update_listing",
            title: "Change a listing",
            description: "Changes one of the user's listings; only the fields given change.",
            inputSchema: CatalogSchema.input(properties, required: ["listing_id"]),
            outputSchema: listingSchema,
            annotations: .discogsWrite(idempotent: true),
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let listingID = try arguments.requiredInt("listing_id")
            var body = listingBody(arguments)
            guard !body.isEmpty else {
                throw ToolFailure(
                    "Nothing to change: give at least one of price, condition, sleeve_condition, comments, status, allow_offers, location."
                )
            }
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
            description: "Deletes one of the user's listings. This cannot be undone; status Draft hides a listing instead.",
            inputSchema: CatalogSchema.input(["listing_id": CatalogSchema.id()], required: ["listing_id"]),
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
