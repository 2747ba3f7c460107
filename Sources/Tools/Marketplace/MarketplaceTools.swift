import Discogs
import Foundation
import MCP

/// The marketplace: prices, the user's inventory and listings, and orders with their messages.
enum MarketplaceTools {
    static func all(_ environment: DiscogsToolEnvironment) -> [any Tool] {
        [
            getMarketplaceStats(environment), getPriceSuggestions(environment), getInventory(environment), getListing(environment),
            createListing(environment), updateListing(environment), deleteListing(environment),
            listOrders(environment), getOrder(environment), updateOrder(environment), getOrderMessages(environment), sendOrderMessage(environment),
        ]
    }

    static let listingSchema = CatalogSchema.object(
        [
            "id": CatalogSchema.int, "status": CatalogSchema.string, "price": CatalogSchema.price, "shipping_price": CatalogSchema.price,
            "condition": CatalogSchema.string, "sleeve_condition": CatalogSchema.string, "comments": CatalogSchema.string,
            "allow_offers": CatalogSchema.bool, "posted": CatalogSchema.string, "ships_from": CatalogSchema.string, "seller": CatalogSchema.string,
            "release_id": CatalogSchema.int, "release": CatalogSchema.string, "catno": CatalogSchema.string, "format": CatalogSchema.string,
            "uri": CatalogSchema.string,
        ],
        required: ["id"]
    )

    static func listing(_ listing: Listing) -> JSONValue {
        StructuredValue.object([
            "id": StructuredValue.int(listing.id), "status": StructuredValue.string(listing.status), "price": StructuredValue.price(listing.price),
            "shipping_price": StructuredValue.price(listing.shippingPrice), "condition": StructuredValue.string(listing.condition),
            "sleeve_condition": StructuredValue.string(listing.sleeveCondition), "comments": StructuredValue.string(listing.comments),
            "allow_offers": StructuredValue.bool(listing.allowOffers), "posted": StructuredValue.string(listing.posted),
            "ships_from": StructuredValue.string(listing.shipsFrom),
            "seller": StructuredValue.string(listing.seller?.username), "release_id": StructuredValue.int(listing.release?.id),
            "release": StructuredValue.string(listing.release?.description), "catno": StructuredValue.string(listing.release?.catalogNumber),
            "format": StructuredValue.string(listing.release?.format), "uri": StructuredValue.string(listing.uri),
        ])
    }

    static func listingLine(_ listing: Listing) -> String {
        var line = "- [listing \(listing.id)] \(listing.release?.description ?? "release \(listing.release?.id ?? 0)")"
        line += " · \(StructuredValue.priceText(listing.price)) · \(listing.condition ?? "?")/\(listing.sleeveCondition ?? "?")"
        if let status = listing.status { line += " · \(status)" }
        return line
    }

    /// The signed-in user's name, or the one asked for.
    static func username(_ arguments: CatalogArguments, _ account: DiscogsAccount) -> String {
        arguments.string("username") ?? account.username
    }
}
