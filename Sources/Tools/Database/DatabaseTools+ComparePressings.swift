import Discogs
import Foundation
import MCP

extension DatabaseTools {
    /// At most this many versions get a marketplace lookup per call: each costs one request of the shared 60/min budget.
    static let maxCompared = 10

    static func comparePressings(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let compared = CatalogSchema.object(
            [
                "id": CatalogSchema.int, "title": CatalogSchema.string, "label": CatalogSchema.string, "catno": CatalogSchema.string,
                "country": CatalogSchema.string, "released": CatalogSchema.string, "format": CatalogSchema.string,
                "have": CatalogSchema.int, "want": CatalogSchema.int, "num_for_sale": CatalogSchema.int,
                "lowest_price": CatalogSchema.price, "blocked_from_sale": CatalogSchema.bool,
            ],
            required: ["id", "title", "num_for_sale"]
        )
        let definition = ToolDefinition(
            name: "compare_pressings",
            title: "Compare pressings of a master",
            description: "Versions of a master side by side, with have/want, copies for sale and lowest price: which pressing to buy.",
            inputSchema: CatalogSchema.input(
                [
                    "master_id": CatalogSchema.id(),
                    "count": CatalogSchema.integer("Versions per page.", minimum: 1, maximum: maxCompared, default: 5),
                    "page": CatalogSchema.page, "format": CatalogSchema.text("e.g. Vinyl"), "country": CatalogSchema.text(),
                    "label": CatalogSchema.text(),
                    "released": CatalogSchema.text("Year, e.g. 1977", maxLength: 10),
                    "sort": CatalogSchema.choice(["released", "title", "format", "label", "catno", "country"]),
                    "sort_order": CatalogSchema.sortOrder, "currency": CatalogSchema.currency,
                ],
                required: ["master_id"]
            ),
            outputSchema: CatalogSchema.object(
                [
                    "master_id": CatalogSchema.int, "compared": CatalogSchema.int, "total_versions": CatalogSchema.int,
                    "pagination": CatalogSchema.pagination, "versions": CatalogSchema.array(compared),
                ],
                required: ["master_id", "compared", "total_versions", "pagination", "versions"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            try await runComparePressings(arguments, context: context, environment: environment)
        }
    }

    /// One page of a master's versions, each with its live marketplace numbers (one request per version).
    static func runComparePressings(
        _ arguments: CatalogArguments,
        context: ToolContext,
        environment: DiscogsToolEnvironment
    ) async throws -> ToolResult {
        let masterID = try arguments.requiredInt("master_id")
        let count = min(max(1, arguments.int("count") ?? 5), maxCompared)
        let credential = try await environment.readCredential(for: context)
        let page = try await environment.api.masterVersions(
            masterID: masterID,
            page: arguments.page,
            perPage: count,
            format: arguments.string("format"),
            label: arguments.string("label"),
            released: arguments.string("released"),
            country: arguments.string("country"),
            sort: arguments.string("sort"),
            sortOrder: arguments.string("sort_order"),
            as: credential
        )
        var rows: [JSONValue] = []
        var lines: [String] = []
        for version in page.items {
            let stats = try await environment.api.marketplaceStats(releaseID: version.id, currency: arguments.string("currency"), as: credential)
            rows.append(
                StructuredValue.object([
                    "id": StructuredValue.int(version.id), "title": .string(version.title), "label": StructuredValue.string(version.label),
                    "catno": StructuredValue.string(version.catno),
                    "country": StructuredValue.string(version.country), "released": StructuredValue.string(version.released),
                    "format": StructuredValue.string(version.format),
                    "have": StructuredValue.int(version.stats?.community?.inCollection),
                    "want": StructuredValue.int(version.stats?.community?.inWantlist),
                    "num_for_sale": .int(Int64(stats.numForSale ?? 0)), "lowest_price": StructuredValue.price(stats.lowestPrice),
                    "blocked_from_sale": StructuredValue.bool(stats.blockedFromSale),
                ])
            )
            var line = versionLine(version)
            if let have = version.stats?.community?.inCollection { line += " · \(have) have/\(version.stats?.community?.inWantlist ?? 0) want" }
            line +=
                (stats.numForSale ?? 0) > 0
                ? " · \(stats.numForSale ?? 0) for sale from \(StructuredValue.priceText(stats.lowestPrice))" : " · none for sale"
            lines.append(line)
        }
        let total = page.pagination.items
        let first = (page.pagination.page - 1) * page.pagination.perPage + 1
        var header = "Compared \(page.items.count) of \(Wording.count(total, "version")) of master \(masterID)"
        if !page.items.isEmpty { header += " (versions \(first)–\(first + page.items.count - 1))" }
        header += page.pagination.hasNextPage ? "; ask for page \(page.pagination.page + 1) to compare the next ones." : "."
        return .text(
            ([header] + lines).joined(separator: "\n"),
            structured: [
                "master_id": .int(Int64(masterID)), "compared": .int(Int64(page.items.count)), "total_versions": .int(Int64(total)),
                "pagination": StructuredValue.pagination(page.pagination), "versions": .array(rows),
            ]
        )
    }
}
