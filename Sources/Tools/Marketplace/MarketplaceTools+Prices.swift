import Discogs
import Foundation
import MCP

extension MarketplaceTools {
    static func getMarketplaceStats(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_marketplace_stats",
            title: "Marketplace stats for a release",
            description: "Copies of a release for sale now, the lowest price, and whether it is blocked from sale.",
            inputSchema: CatalogSchema.input(["release_id": CatalogSchema.id(), "currency": CatalogSchema.currency], required: ["release_id"]),
            outputSchema: CatalogSchema.object(
                [
                    "release_id": CatalogSchema.int, "num_for_sale": CatalogSchema.int, "lowest_price": CatalogSchema.price,
                    "blocked_from_sale": CatalogSchema.bool,
                ],
                required: ["release_id", "num_for_sale"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let releaseID = try arguments.requiredInt("release_id")
            let stats = try await environment.api.marketplaceStats(
                releaseID: releaseID,
                currency: arguments.string("currency"),
                as: try await environment.readCredential(for: context)
            )
            let count = stats.numForSale ?? 0
            var text =
                count == 0
                ? "No copies of release \(releaseID) are for sale."
                : "\(Wording.count(count, "copy", "copies")) of release \(releaseID) for sale, lowest \(StructuredValue.priceText(stats.lowestPrice))."
            if stats.blockedFromSale == true { text += " This release is blocked from sale on Discogs." }
            return .text(
                text,
                structured: StructuredValue.object([
                    "release_id": StructuredValue.int(releaseID), "num_for_sale": StructuredValue.int(count),
                    "lowest_price": StructuredValue.price(stats.lowestPrice),
                    "blocked_from_sale": StructuredValue.bool(stats.blockedFromSale),
                ])
            )
        }
    }

    static func getPriceSuggestions(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_price_suggestions",
            title: "Suggested prices by condition",
            description: "Discogs' suggested price for a release in each media condition. Needs seller settings on Discogs.",
            inputSchema: CatalogSchema.input(["release_id": CatalogSchema.id()], required: ["release_id"]),
            outputSchema: CatalogSchema.object(
                [
                    "release_id": CatalogSchema.int,
                    "suggestions": CatalogSchema.array(
                        CatalogSchema.object(["condition": CatalogSchema.string, "price": CatalogSchema.price], required: ["condition", "price"])
                    ),
                ],
                required: ["release_id", "suggestions"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let releaseID = try arguments.requiredInt("release_id")
            let suggestions: [String: Price]
            do {
                suggestions = try await environment.api.priceSuggestions(releaseID: releaseID, as: account.credential)
            } catch DiscogsError.notFound(let message?) where message.localizedCaseInsensitiveContains("seller settings") {
                throw ToolFailure(
                    "Discogs gives price suggestions only to sellers: \(account.username) must fill out the seller settings first "
                        + "(https://www.discogs.com/settings/seller)."
                )
            }
            let ordered =
                CatalogSchema.mediaConditions.compactMap { condition in suggestions[condition].map { (condition, $0) } }
                + suggestions.filter { !CatalogSchema.mediaConditions.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            let text =
                ordered.isEmpty
                ? "Discogs has no price suggestions for release \(releaseID)."
                : (["Suggested prices for release \(releaseID):"] + ordered.map { "- \($0.0): \(StructuredValue.priceText($0.1))" }).joined(
                    separator: "\n"
                )
            return .text(
                text,
                structured: [
                    "release_id": .int(Int64(releaseID)),
                    "suggestions": .array(ordered.map { ["condition": .string($0.0), "price": StructuredValue.price($0.1) ?? .null] }),
                ]
            )
        }
    }
}
