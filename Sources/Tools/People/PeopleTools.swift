import Discogs
import Foundation
import MCP

/// Profiles and user lists.
enum PeopleTools {
    static func all(_ environment: DiscogsToolEnvironment) -> [any Tool] {
        [getUserProfile(environment), getUserLists(environment), getList(environment)]
    }

    /// The name asked for, else the signed-in user's; anonymous callers must name someone.
    static func username(_ arguments: CatalogArguments, _ account: DiscogsAccount?) throws -> String {
        if let name = arguments.string("username") { return name }
        guard let account else { throw ToolFailure("Give a `username`, or sign in with Discogs to see your own (call auth_status for how).") }
        return account.username
    }

    static func getUserProfile(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_user_profile",
            title: "Get a Discogs user's profile",
            description: "A Discogs user's profile: name, location, profile text, join date, visible counts, ratings, currency.",
            inputSchema: CatalogSchema.input(["username": CatalogSchema.username]),
            outputSchema: CatalogSchema.object(
                [
                    "id": CatalogSchema.int, "username": CatalogSchema.string, "name": CatalogSchema.string, "location": CatalogSchema.string,
                    "profile": CatalogSchema.string, "home_page": CatalogSchema.string, "registered": CatalogSchema.string,
                    "currency": CatalogSchema.string,
                    "num_collection": CatalogSchema.int, "num_wantlist": CatalogSchema.int, "num_for_sale": CatalogSchema.int,
                    "num_lists": CatalogSchema.int,
                    "releases_rated": CatalogSchema.int, "releases_contributed": CatalogSchema.int, "rating_avg": CatalogSchema.number,
                    "buyer_rating": CatalogSchema.number, "seller_rating": CatalogSchema.number, "uri": CatalogSchema.string,
                ],
                required: ["id", "username"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.accounts.account(for: context.caller)
            let name = try username(arguments, account)
            let user = try await environment.api.userProfile(username: name, as: account?.credential ?? environment.publicCredential)
            let structured = StructuredValue.object([
                "id": StructuredValue.int(user.id), "username": .string(user.username), "name": StructuredValue.string(user.name),
                "location": StructuredValue.string(user.location),
                "profile": StructuredValue.string(user.profile), "home_page": StructuredValue.string(user.homePage),
                "registered": StructuredValue.string(user.registered),
                "currency": StructuredValue.string(user.currAbbr), "num_collection": StructuredValue.int(user.numCollection),
                "num_wantlist": StructuredValue.int(user.numWantlist),
                "num_for_sale": StructuredValue.int(user.numForSale), "num_lists": StructuredValue.int(user.numLists),
                "releases_rated": StructuredValue.int(user.releasesRated),
                "releases_contributed": StructuredValue.int(user.releasesContributed), "rating_avg": StructuredValue.number(user.ratingAvg),
                "buyer_rating": StructuredValue.number(user.buyerRating), "seller_rating": StructuredValue.number(user.sellerRating),
                "uri": StructuredValue.string(user.uri),
            ])
            var lines = ["\(user.username)\(user.name.map { $0.isEmpty ? "" : " (\($0))" } ?? "") [user \(user.id)]"]
            if let location = user.location, !location.isEmpty { lines.append("Location: \(location)") }
            if let registered = user.registered { lines.append("Registered: \(registered.prefix(10))") }
            let counts = [
                user.numCollection.map { "\($0) in collection" }, user.numWantlist.map { "\($0) wanted" },
                user.numForSale.map { "\($0) for sale" }, user.numLists.map { Wording.count($0, "list") },
            ].compactMap { $0 }
            if !counts.isEmpty { lines.append(counts.joined(separator: ", ")) }
            if let profile = user.profile, !profile.isEmpty { lines.append(profile) }
            return .text(lines.joined(separator: "\n"), structured: structured)
        }
    }

    static func getUserLists(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let item = CatalogSchema.object(
            [
                "id": CatalogSchema.int, "name": CatalogSchema.string, "description": CatalogSchema.string, "public": CatalogSchema.bool,
                "date_added": CatalogSchema.string, "date_changed": CatalogSchema.string, "uri": CatalogSchema.string,
            ],
            required: ["id", "name"]
        )
        let definition = ToolDefinition(
            name: "get_user_lists",
            title: "List a user's lists",
            description: "A Discogs user's curated lists (private ones for their owner only).",
            inputSchema: CatalogSchema.input(["username": CatalogSchema.username, "page": CatalogSchema.page, "per_page": CatalogSchema.perPage()]),
            outputSchema: CatalogSchema.paged("lists", item, extra: ["username": CatalogSchema.string]),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.accounts.account(for: context.caller)
            let name = try username(arguments, account)
            let page = try await environment.api.userLists(
                username: name,
                page: arguments.page,
                perPage: arguments.perPage(),
                as: account?.credential ?? environment.publicCredential
            )
            let items: [JSONValue] = page.items.map { list in
                StructuredValue.object([
                    "id": StructuredValue.int(list.id), "name": .string(list.name), "description": StructuredValue.string(list.description),
                    "public": StructuredValue.bool(list.public),
                    "date_added": StructuredValue.string(list.dateAdded), "date_changed": StructuredValue.string(list.dateChanged),
                    "uri": StructuredValue.string(list.uri),
                ])
            }
            let lines =
                ["Lists of \(name). " + StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "list")]
                + page.items.map {
                    "- [list \($0.id)] \($0.name)\($0.public == false ? " (private)" : "")"
                        + ($0.description.map { $0.isEmpty ? "" : " — \($0)" } ?? "")
                }
            return .text(
                lines.joined(separator: "\n"),
                structured: [
                    "username": .string(name), "pagination": StructuredValue.pagination(page.pagination), "lists": .array(items),
                ]
            )
        }
    }

    static func getList(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let item = CatalogSchema.object(
            [
                "id": CatalogSchema.int, "type": CatalogSchema.string, "title": CatalogSchema.string, "comment": CatalogSchema.string,
                "stats": CatalogSchema.stats,
            ],
            required: ["id", "type"]
        )
        let definition = ToolDefinition(
            name: "get_list",
            title: "Get a list",
            description: "One Discogs list and its items (releases, masters, artists or labels, with the curator's comments).",
            inputSchema: CatalogSchema.input(["list_id": CatalogSchema.id()], required: ["list_id"]),
            outputSchema: CatalogSchema.object(
                [
                    "id": CatalogSchema.int, "name": CatalogSchema.string, "description": CatalogSchema.string, "public": CatalogSchema.bool,
                    "owner": CatalogSchema.string, "date_changed": CatalogSchema.string, "item_count": CatalogSchema.int,
                    "items": CatalogSchema.array(item),
                ],
                required: ["id", "name", "item_count", "items"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { arguments, context in
            let list = try await environment.api.list(
                id: try arguments.requiredInt("list_id"),
                as: try await environment.readCredential(for: context)
            )
            let items: [JSONValue] = list.items.map { entry in
                StructuredValue.object([
                    "id": StructuredValue.int(entry.id), "type": .string(entry.type), "title": StructuredValue.string(entry.displayTitle),
                    "comment": StructuredValue.string(entry.comment),
                    "stats": StructuredValue.stats(entry.stats),
                ])
            }
            var lines = [
                "\(list.name) [list \(list.id)] by \(list.user?.username ?? "?") — \(Wording.count(list.items.count, "item"))"
                    + (list.public == false ? " (private)" : "")
            ]
            if let description = list.description, !description.isEmpty { lines.append(description) }
            lines += list.items.map { "- [\($0.type) \($0.id)] \($0.displayTitle ?? "")" + ($0.comment.map { $0.isEmpty ? "" : " — \($0)" } ?? "") }
            return .text(
                lines.joined(separator: "\n"),
                structured: StructuredValue.object([
                    "id": StructuredValue.int(list.id), "name": .string(list.name), "description": StructuredValue.string(list.description),
                    "public": StructuredValue.bool(list.public),
                    "owner": StructuredValue.string(list.user?.username), "date_changed": StructuredValue.string(list.dateChanged),
                    "item_count": StructuredValue.int(list.items.count),
                    "items": .array(items),
                ])
            )
        }
    }
}
