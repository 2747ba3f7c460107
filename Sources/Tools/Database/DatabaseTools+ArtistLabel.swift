import Discogs
import Foundation
import MCP

extension DatabaseTools {
    static let memberSchema = CatalogSchema.object(
        ["id": CatalogSchema.int, "name": CatalogSchema.string, "active": CatalogSchema.bool],
        required: ["id", "name"]
    )

    static func member(_ member: Artist.Member) -> JSONValue {
        StructuredValue.object(["id": StructuredValue.int(member.id), "name": .string(member.name), "active": StructuredValue.bool(member.active)])
    }

    static func getArtist(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_artist",
            title: "Get an artist",
            description: "An artist's profile: real name, biography, name variations, aliases, members or groups, links.",
            inputSchema: CatalogSchema.input(["artist_id": CatalogSchema.id()], required: ["artist_id"]),
            outputSchema: CatalogSchema.object(
                [
                    "id": CatalogSchema.int, "name": CatalogSchema.string, "real_name": CatalogSchema.string, "profile": CatalogSchema.string,
                    "name_variations": CatalogSchema.strings, "aliases": CatalogSchema.array(memberSchema),
                    "members": CatalogSchema.array(memberSchema),
                    "groups": CatalogSchema.array(memberSchema), "urls": CatalogSchema.strings, "image_count": CatalogSchema.int,
                    "uri": CatalogSchema.string,
                ],
                required: ["id", "name"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let artist = try await environment.api.artist(
                id: try arguments.requiredInt("artist_id"),
                as: try await environment.readCredential(for: context)
            )
            let structured = StructuredValue.object([
                "id": StructuredValue.int(artist.id), "name": .string(artist.name), "real_name": StructuredValue.string(artist.realname),
                "profile": StructuredValue.string(artist.profile),
                "name_variations": StructuredValue.strings(artist.namevariations), "aliases": StructuredValue.array(artist.aliases, member),
                "members": StructuredValue.array(artist.members, member), "groups": StructuredValue.array(artist.groups, member),
                "urls": StructuredValue.strings(artist.urls),
                "image_count": StructuredValue.int(artist.images?.count), "uri": StructuredValue.string(artist.uri),
            ])
            var lines = ["\(artist.name) [artist \(artist.id)]"]
            if let real = artist.realname, !real.isEmpty { lines.append("Real name: \(real)") }
            if let profile = artist.profile, !profile.isEmpty { lines.append(profile) }
            if let variations = artist.namevariations, !variations.isEmpty { lines.append("Also credited as: " + variations.joined(separator: ", ")) }
            if let members = artist.members, !members.isEmpty {
                lines.append("Members: " + members.map { "\($0.name) (\($0.id))" }.joined(separator: ", "))
            }
            if let groups = artist.groups, !groups.isEmpty {
                lines.append("Groups: " + groups.map { "\($0.name) (\($0.id))" }.joined(separator: ", "))
            }
            if let aliases = artist.aliases, !aliases.isEmpty {
                lines.append("Aliases: " + aliases.map { "\($0.name) (\($0.id))" }.joined(separator: ", "))
            }
            return .text(lines.joined(separator: "\n"), structured: structured)
        }
    }

    static func getArtistReleases(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let item = CatalogSchema.object(
            [
                "id": CatalogSchema.int, "type": CatalogSchema.string, "title": CatalogSchema.string, "artist": CatalogSchema.string,
                "role": CatalogSchema.string, "year": CatalogSchema.int, "format": CatalogSchema.string, "label": CatalogSchema.string,
                "main_release": CatalogSchema.int, "stats": CatalogSchema.stats,
            ],
            required: ["id", "title"]
        )
        let definition = ToolDefinition(
            name: "get_artist_releases",
            title: "List an artist's releases",
            description: "An artist's discography: masters and releases with the artist's role (Main, Appearance, Remix…), year, format.",
            inputSchema: CatalogSchema.input(
                [
                    "artist_id": CatalogSchema.id(), "sort": CatalogSchema.choice(["year", "title", "format"]),
                    "sort_order": CatalogSchema.sortOrder, "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
                ],
                required: ["artist_id"]
            ),
            outputSchema: CatalogSchema.paged("releases", item, extra: ["artist_id": CatalogSchema.int]),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let artistID = try arguments.requiredInt("artist_id")
            let page = try await environment.api.artistReleases(
                artistID: artistID,
                page: arguments.page,
                perPage: arguments.perPage(),
                sort: arguments.string("sort"),
                sortOrder: arguments.string("sort_order"),
                as: try await environment.readCredential(for: context)
            )
            let items: [JSONValue] = page.items.map { entry in
                StructuredValue.object([
                    "id": StructuredValue.int(entry.id), "type": StructuredValue.string(entry.type), "title": .string(entry.title),
                    "artist": StructuredValue.string(entry.artist),
                    "role": StructuredValue.string(entry.role), "year": StructuredValue.int(entry.year?.value),
                    "format": StructuredValue.string(entry.format), "label": StructuredValue.string(entry.label),
                    "main_release": StructuredValue.int(entry.mainRelease), "stats": StructuredValue.stats(entry.stats),
                ])
            }
            let lines =
                ["Releases of artist \(artistID). " + StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "entry")]
                + page.items.map { entry in
                    "- [\(entry.type ?? "release") \(entry.id)] \(entry.artist.map { "\($0) – " } ?? "")\(entry.title)"
                        + (entry.year?.value.map { " (\($0))" } ?? "")
                        + (entry.role.map { " · \($0)" } ?? "")
                }
            return .text(
                lines.joined(separator: "\n"),
                structured: [
                    "artist_id": .int(Int64(artistID)), "pagination": StructuredValue.pagination(page.pagination), "releases": .array(items),
                ]
            )
        }
    }

    static func getLabel(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let reference = CatalogSchema.object(["id": CatalogSchema.int, "name": CatalogSchema.string], required: ["id", "name"])
        let definition = ToolDefinition(
            name: "get_label",
            title: "Get a label",
            description: "A record label's profile: text, contact info, links, parent label and sublabels.",
            inputSchema: CatalogSchema.input(["label_id": CatalogSchema.id()], required: ["label_id"]),
            outputSchema: CatalogSchema.object(
                [
                    "id": CatalogSchema.int, "name": CatalogSchema.string, "profile": CatalogSchema.string, "contact_info": CatalogSchema.string,
                    "urls": CatalogSchema.strings, "parent_label": reference, "sublabels": CatalogSchema.array(reference),
                    "uri": CatalogSchema.string,
                ],
                required: ["id", "name"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let label = try await environment.api.label(
                id: try arguments.requiredInt("label_id"),
                as: try await environment.readCredential(for: context)
            )
            let ref = { (value: Label.Reference) -> JSONValue in ["id": .int(Int64(value.id)), "name": .string(value.name)] }
            let structured = StructuredValue.object([
                "id": StructuredValue.int(label.id), "name": .string(label.name), "profile": StructuredValue.string(label.profile),
                "contact_info": StructuredValue.string(label.contactInfo),
                "urls": StructuredValue.strings(label.urls), "parent_label": label.parentLabel.map(ref),
                "sublabels": StructuredValue.array(label.sublabels, ref),
                "uri": StructuredValue.string(label.uri),
            ])
            var lines = ["\(label.name) [label \(label.id)]"]
            if let profile = label.profile, !profile.isEmpty { lines.append(profile) }
            if let parent = label.parentLabel { lines.append("Parent label: \(parent.name) (\(parent.id))") }
            if let subs = label.sublabels, !subs.isEmpty {
                lines.append("Sublabels: " + subs.map { "\($0.name) (\($0.id))" }.joined(separator: ", "))
            }
            if let contact = label.contactInfo, !contact.isEmpty { lines.append("Contact: \(contact)") }
            return .text(lines.joined(separator: "\n"), structured: structured)
        }
    }

    static func getLabelReleases(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let item = CatalogSchema.object(
            [
                "id": CatalogSchema.int, "title": CatalogSchema.string, "artist": CatalogSchema.string, "catno": CatalogSchema.string,
                "format": CatalogSchema.string, "year": CatalogSchema.int, "stats": CatalogSchema.stats,
            ],
            required: ["id", "title"]
        )
        let definition = ToolDefinition(
            name: "get_label_releases",
            title: "List a label's releases",
            description: "A label's catalogue: release id, artist, title, catalogue number, format and year of each release.",
            inputSchema: CatalogSchema.input(
                [
                    "label_id": CatalogSchema.id(), "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
                ],
                required: ["label_id"]
            ),
            outputSchema: CatalogSchema.paged("releases", item, extra: ["label_id": CatalogSchema.int]),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let labelID = try arguments.requiredInt("label_id")
            let page = try await environment.api.labelReleases(
                labelID: labelID,
                page: arguments.page,
                perPage: arguments.perPage(),
                as: try await environment.readCredential(for: context)
            )
            let items: [JSONValue] = page.items.map { entry in
                StructuredValue.object([
                    "id": StructuredValue.int(entry.id), "title": .string(entry.title), "artist": StructuredValue.string(entry.artist),
                    "catno": StructuredValue.string(entry.catno),
                    "format": StructuredValue.string(entry.format), "year": StructuredValue.int(entry.year?.value),
                    "stats": StructuredValue.stats(entry.stats),
                ])
            }
            let lines =
                ["Releases on label \(labelID). " + StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "release")]
                + page.items.map { entry in
                    "- [release \(entry.id)] \(entry.artist.map { "\($0) – " } ?? "")\(entry.title)" + (entry.catno.map { " · \($0)" } ?? "")
                        + (entry.year?.value.map { " (\($0))" } ?? "")
                }
            return .text(
                lines.joined(separator: "\n"),
                structured: [
                    "label_id": .int(Int64(labelID)), "pagination": StructuredValue.pagination(page.pagination), "releases": .array(items),
                ]
            )
        }
    }
}
