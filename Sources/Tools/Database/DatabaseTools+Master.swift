import Discogs
import Foundation
import MCP

extension DatabaseTools {
    static func getMaster(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_master",
            title: "Get a master release",
            description: "A master release, the album grouping all its pressings: year, genres, tracklist, main release id, lowest price.",
            inputSchema: CatalogSchema.input(["master_id": CatalogSchema.id()], required: ["master_id"]),
            outputSchema: CatalogSchema.object(
                [
                    "id": CatalogSchema.int, "title": CatalogSchema.string, "artist": CatalogSchema.string,
                    "artists": CatalogSchema.array(CatalogSchema.credit),
                    "year": CatalogSchema.int, "main_release": CatalogSchema.int, "most_recent_release": CatalogSchema.int,
                    "genres": CatalogSchema.strings, "styles": CatalogSchema.strings, "tracklist": CatalogSchema.array(trackSchema),
                    "num_for_sale": CatalogSchema.int, "lowest_price": CatalogSchema.number, "uri": CatalogSchema.string,
                ],
                required: ["id", "title", "artist"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let master = try await environment.api.master(
                id: try arguments.requiredInt("master_id"),
                as: try await environment.readCredential(for: context)
            )
            let artist = StructuredValue.artistLine(master.artists)
            let structured = StructuredValue.object([
                "id": StructuredValue.int(master.id), "title": .string(master.title), "artist": .string(artist),
                "artists": StructuredValue.array(master.artists, StructuredValue.credit),
                "year": StructuredValue.int(master.year?.value.flatMap { $0 == 0 ? nil : $0 }),
                "main_release": StructuredValue.int(master.mainRelease),
                "most_recent_release": StructuredValue.int(master.mostRecentRelease), "genres": StructuredValue.strings(master.genres),
                "styles": StructuredValue.strings(master.styles),
                "tracklist": StructuredValue.array(master.tracklist, track), "num_for_sale": StructuredValue.int(master.numForSale),
                "lowest_price": StructuredValue.number(master.lowestPrice?.value), "uri": StructuredValue.string(master.uri),
            ])
            var lines = ["\(artist) – \(master.title) [master \(master.id)]" + (master.year?.value.map { " (\($0))" } ?? "")]
            let genres = (master.genres ?? []) + (master.styles ?? [])
            if !genres.isEmpty { lines.append("Genres/styles: " + genres.joined(separator: ", ")) }
            if let main = master.mainRelease { lines.append("Main release: \(main)") }
            if let forSale = master.numForSale {
                lines.append("For sale across versions: \(forSale)" + (master.lowestPrice.map { ", from \(StructuredValue.priceText($0))" } ?? ""))
            }
            for entry in master.tracklist ?? [] { lines.append("  \(entry.position ?? "") \(entry.title)") }
            return .text(lines.joined(separator: "\n"), structured: structured)
        }
    }

    static let versionSchema = CatalogSchema.object(
        [
            "id": CatalogSchema.int, "title": CatalogSchema.string, "label": CatalogSchema.string, "catno": CatalogSchema.string,
            "country": CatalogSchema.string, "released": CatalogSchema.string, "format": CatalogSchema.string, "major_formats": CatalogSchema.strings,
            "status": CatalogSchema.string, "stats": CatalogSchema.stats,
        ],
        required: ["id", "title"]
    )

    static func version(_ version: MasterVersion) -> JSONValue {
        StructuredValue.object([
            "id": StructuredValue.int(version.id), "title": .string(version.title), "label": StructuredValue.string(version.label),
            "catno": StructuredValue.string(version.catno),
            "country": StructuredValue.string(version.country), "released": StructuredValue.string(version.released),
            "format": StructuredValue.string(version.format),
            "major_formats": StructuredValue.strings(version.majorFormats), "status": StructuredValue.string(version.status),
            "stats": StructuredValue.stats(version.stats),
        ])
    }

    static func versionLine(_ version: MasterVersion) -> String {
        let details = [version.label, version.catno, version.format, version.country, version.released].compactMap { $0 }.filter { !$0.isEmpty }
        return "- [release \(version.id)] \(version.title) — " + details.joined(separator: " · ")
    }

    static func getMasterVersions(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_master_versions",
            title: "List a master's versions",
            description: "The versions (pressings) of a master: release id, label, catalogue number, format, country, year.",
            inputSchema: CatalogSchema.input(
                [
                    "master_id": CatalogSchema.id(), "format": CatalogSchema.text("e.g. Vinyl"), "label": CatalogSchema.text(),
                    "released": CatalogSchema.text("Year, e.g. 1977", maxLength: 10), "country": CatalogSchema.text(),
                    "sort": CatalogSchema.choice(["released", "title", "format", "label", "catno", "country"]),
                    "sort_order": CatalogSchema.sortOrder, "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
                ],
                required: ["master_id"]
            ),
            outputSchema: CatalogSchema.paged("versions", versionSchema, extra: ["master_id": CatalogSchema.int]),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let masterID = try arguments.requiredInt("master_id")
            let page = try await environment.api.masterVersions(
                masterID: masterID,
                page: arguments.page,
                perPage: arguments.perPage(),
                format: arguments.string("format"),
                label: arguments.string("label"),
                released: arguments.string("released"),
                country: arguments.string("country"),
                sort: arguments.string("sort"),
                sortOrder: arguments.string("sort_order"),
                as: try await environment.readCredential(for: context)
            )
            let lines =
                ["Versions of master \(masterID). " + StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "version")]
                + page.items.map(versionLine)
            return .text(
                lines.joined(separator: "\n"),
                structured: [
                    "master_id": .int(Int64(masterID)), "pagination": StructuredValue.pagination(page.pagination),
                    "versions": .array(page.items.map(version)),
                ]
            )
        }
    }
}
