import Discogs
import Foundation
import MCP

extension DatabaseTools {
    static let trackSchema = CatalogSchema.object(
        [
            "position": CatalogSchema.string, "type": CatalogSchema.string, "title": CatalogSchema.string, "duration": CatalogSchema.string,
            "credits": CatalogSchema.array(CatalogSchema.credit), "sub_tracks": CatalogSchema.array(CatalogSchema.object([:])),
        ],
        required: ["title"]
    )

    static let copySchema = CatalogSchema.object(
        [
            "instance_id": CatalogSchema.int, "folder_id": CatalogSchema.int, "folder_name": CatalogSchema.string, "rating": CatalogSchema.int,
            "date_added": CatalogSchema.string,
            "notes": CatalogSchema.array(CatalogSchema.object(["field_id": CatalogSchema.int, "value": CatalogSchema.string])),
        ],
        required: ["instance_id"]
    )

    static func getRelease(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_release",
            title: "Get a release",
            description: """
                One release (a specific pressing): labels, formats, tracklist, credits, identifiers, rating, lowest price, videos, the user's copies.
                """,
            inputSchema: CatalogSchema.input(
                ["release_id": CatalogSchema.id(), "currency": CatalogSchema.currency],
                required: ["release_id"]
            ),
            outputSchema: CatalogSchema.object(
                [
                    "id": CatalogSchema.int, "title": CatalogSchema.string, "artist": CatalogSchema.string,
                    "artists": CatalogSchema.array(CatalogSchema.credit), "year": CatalogSchema.int, "released": CatalogSchema.string,
                    "country": CatalogSchema.string, "labels": CatalogSchema.array(CatalogSchema.labelCredit),
                    "formats": CatalogSchema.array(CatalogSchema.format), "genres": CatalogSchema.strings, "styles": CatalogSchema.strings,
                    "master_id": CatalogSchema.int, "tracklist": CatalogSchema.array(trackSchema),
                    "credits": CatalogSchema.array(CatalogSchema.credit),
                    "identifiers": CatalogSchema.array(
                        CatalogSchema.object(["type": CatalogSchema.string, "value": CatalogSchema.string, "description": CatalogSchema.string])
                    ),
                    "community": CatalogSchema.object([
                        "have": CatalogSchema.int, "want": CatalogSchema.int, "rating_average": CatalogSchema.number,
                        "rating_count": CatalogSchema.int,
                    ]),
                    "num_for_sale": CatalogSchema.int, "lowest_price": CatalogSchema.number, "notes": CatalogSchema.string,
                    "data_quality": CatalogSchema.string, "image_count": CatalogSchema.int, "uri": CatalogSchema.string,
                    "videos": CatalogSchema.array(videoSchema), "your_copies": CatalogSchema.array(copySchema),
                ],
                required: ["id", "title", "artist"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let releaseID = try arguments.requiredInt("release_id")
            let account = try await environment.accounts.account(for: context.caller)
            let credential = account?.credential ?? environment.publicCredential
            let release = try await environment.api.release(id: releaseID, currency: arguments.string("currency"), as: credential)
            guard let account else { return releaseResult(release, copies: nil) }
            do {
                let copies = try await environment.api.collectionInstances(username: account.username, releaseID: releaseID, as: account.credential)
                // Folders by name, as every other answer names them; an id only if the list cannot be read.
                let folders =
                    copies.items.isEmpty
                    ? [] : (try? await environment.api.collectionFolders(username: account.username, as: account.credential)) ?? []
                let names = Dictionary(folders.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
                return releaseResult(release, copies: copies.items, folderNames: names)
            } catch {
                // The release itself was read; say the ownership part failed rather than failing the whole call.
                var result = releaseResult(release, copies: nil)
                result.content.append(.text("Could not check your collection for this release: \(error)"))
                return result
            }
        }
    }

    static func track(_ track: Track) -> JSONValue {
        StructuredValue.object([
            "position": StructuredValue.string(track.position), "type": StructuredValue.string(track.type), "title": .string(track.title),
            "duration": StructuredValue.string(track.duration),
            "credits": (track.extraartists ?? []).isEmpty ? nil : StructuredValue.array(track.extraartists, StructuredValue.credit),
            "sub_tracks": StructuredValue.array(track.subTracks, DatabaseTools.track),
        ])
    }

    static func copy(_ item: CollectionItem, folderNames: [Int: String]) -> JSONValue {
        StructuredValue.object([
            "instance_id": StructuredValue.int(item.instanceId), "folder_id": StructuredValue.int(item.folderId),
            "folder_name": item.folderId.flatMap { folderNames[$0] }.flatMap(StructuredValue.string), "rating": StructuredValue.int(item.rating),
            "date_added": StructuredValue.string(item.dateAdded),
            "notes": StructuredValue.array(item.notes) { note in
                StructuredValue.object(["field_id": StructuredValue.int(note.fieldId), "value": StructuredValue.string(note.value?.value)])
            },
        ])
    }

    /// `get_release`'s answer: text and structured output, the user's copies when known, and a next step.
    static func releaseResult(_ release: Release, copies: [CollectionItem]?, folderNames: [Int: String] = [:]) -> ToolResult {
        let artist = StructuredValue.artistLine(release.artists)
        let structured = releaseStructured(release, artist: artist, copies: copies, folderNames: folderNames)
        var lines = releaseLines(release, artist: artist)
        if let copies { lines.append(copiesLine(copies, folderNames: folderNames)) }
        let pressings = release.masterId.flatMap {
            $0 > 0 ? NextStep("rank_pressings", [("master_id", String($0)), ("purpose", "collector")], "to compare its pressings") : nil
        }
        return .text(lines.joined(separator: "\n"), structured: structured).suggesting(pressings)
    }

    /// The structured `get_release` answer (the output schema's shape).
    static func releaseStructured(_ release: Release, artist: String, copies: [CollectionItem]?, folderNames: [Int: String]) -> JSONValue {
        StructuredValue.object([
            "id": StructuredValue.int(release.id), "title": .string(release.title), "artist": .string(artist),
            "artists": StructuredValue.array(release.artists, StructuredValue.credit),
            "year": StructuredValue.int(release.year?.value.flatMap { $0 == 0 ? nil : $0 }),
            "released": StructuredValue.string(release.released), "country": StructuredValue.string(release.country),
            "labels": StructuredValue.array(release.labels, StructuredValue.label),
            "formats": StructuredValue.array(release.formats, StructuredValue.format),
            "genres": StructuredValue.strings(release.genres), "styles": StructuredValue.strings(release.styles),
            "master_id": StructuredValue.int(release.masterId),
            "tracklist": StructuredValue.array(release.tracklist, track),
            "credits": StructuredValue.array(release.extraartists, StructuredValue.credit),
            "identifiers": StructuredValue.array(release.identifiers) {
                StructuredValue.object([
                    "type": .string($0.type), "value": StructuredValue.string($0.value), "description": StructuredValue.string($0.description),
                ])
            },
            "community": StructuredValue.object([
                "have": StructuredValue.int(release.community?.have), "want": StructuredValue.int(release.community?.want),
                "rating_average": StructuredValue.number(release.community?.rating?.average),
                "rating_count": StructuredValue.int(release.community?.rating?.count),
            ]),
            "num_for_sale": StructuredValue.int(release.numForSale), "lowest_price": StructuredValue.number(release.lowestPrice?.value),
            "notes": StructuredValue.string(release.notes), "data_quality": StructuredValue.string(release.dataQuality),
            "image_count": StructuredValue.int(release.images?.count), "uri": StructuredValue.string(release.uri),
            "videos": StructuredValue.array(release.videos, video),
            "your_copies": StructuredValue.array(copies) { copy($0, folderNames: folderNames) },
        ])
    }

    /// The text lines of a release: facts, genres, community, tracklist, credits, identifiers, videos.
    static func releaseLines(_ release: Release, artist: String) -> [String] {
        var lines = ["\(artist) – \(release.title) [release \(release.id)]"]
        let facts = [
            release.labels?.map { "\($0.name) \($0.catno ?? "")".trimmingCharacters(in: .whitespaces) }.joined(separator: ", "),
            StructuredValue.formatLine(release.formats), release.country, release.released ?? release.year?.value.map(String.init),
        ].compactMap { $0 }.filter { !$0.isEmpty }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }
        let genres = (release.genres ?? []) + (release.styles ?? [])
        if !genres.isEmpty { lines.append("Genres/styles: " + genres.joined(separator: ", ")) }
        if let masterID = release.masterId { lines.append("Master: \(masterID)") }
        if let community = release.community {
            var line = "Community: \(community.have ?? 0) have, \(community.want ?? 0) want"
            if let rating = community.rating { line += ", rated \(rating.average)/5 by \(rating.count)" }
            lines.append(line)
        }
        if let forSale = release.numForSale {
            lines.append("For sale: \(forSale)" + (release.lowestPrice.map { ", from \(StructuredValue.priceText($0))" } ?? ""))
        }
        if let tracklist = release.tracklist, !tracklist.isEmpty {
            lines.append("Tracklist:")
            for entry in tracklist {
                lines.append("  \(entry.position ?? "") \(entry.title)\(entry.duration.map { $0.isEmpty ? "" : " (\($0))" } ?? "")")
            }
        }
        if let credits = release.extraartists, !credits.isEmpty {
            lines.append("Credits: " + credits.map { "\($0.role ?? "") – \($0.name)" }.joined(separator: "; "))
        }
        if let identifiers = release.identifiers, !identifiers.isEmpty {
            lines.append("Identifiers: " + identifiers.map { "\($0.type): \($0.value ?? "")" }.joined(separator: "; "))
        }
        lines += videoLines(release.videos)
        return lines
    }

    /// Where the user's copies of the release are, or that they have none.
    static func copiesLine(_ copies: [CollectionItem], folderNames: [Int: String]) -> String {
        guard !copies.isEmpty else { return "You do not have this release in your collection." }
        let described = copies.map { copy in
            let id = copy.folderId ?? 0
            let folder = folderNames[id].map { "\"\($0)\" (folder \(id))" } ?? "folder \(id)"
            return "instance \(copy.instanceId) in \(folder)\((copy.rating ?? 0) > 0 ? ", rated \(copy.rating ?? 0)" : "")"
        }
        return "Your copies (\(copies.count)): " + described.joined(separator: "; ")
    }
}
