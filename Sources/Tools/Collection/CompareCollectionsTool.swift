import Discogs
import Foundation
import MCP

/// The signed-in user's collection (from the index) against another user's public collection (read
/// from Discogs, a bounded number of pages): overlap, what each lacks, shared artists and styles.
public struct CompareCollectionsTool: Tool {
    let environment: DiscogsToolEnvironment
    let index: CollectionIndex

    public init(environment: DiscogsToolEnvironment, index: CollectionIndex) {
        self.environment = environment
        self.index = index
    }

    /// Pages of the other collection read per call at most (100 items each): the 60-a-minute budget is shared.
    static let maxPages = 20

    /// Built once: the dispatcher reads it on every call.
    public let definition = Self.makeDefinition()

    static func makeDefinition() -> ToolDefinition {
        let entry = CatalogSchema.object(
            [
                "release_id": CatalogSchema.int, "master_id": CatalogSchema.int, "artist": CatalogSchema.string, "title": CatalogSchema.string,
                "year": CatalogSchema.int,
            ],
            required: ["release_id", "title"]
        )
        let part = CatalogSchema.object(["count": CatalogSchema.int, "items": CatalogSchema.array(entry)], required: ["count", "items"])
        let shared = CatalogSchema.array(
            CatalogSchema.object(
                ["name": CatalogSchema.string, "mine": CatalogSchema.int, "theirs": CatalogSchema.int],
                required: ["name", "mine", "theirs"]
            )
        )
        return ToolDefinition(
            name: "compare_collections",
            title: "Compare collections",
            description: "The user's collection against another user's public one: releases both have, what each lacks, shared artists and styles.",
            inputSchema: CatalogSchema.input(
                [
                    "username": CatalogSchema.text("The other collector.", maxLength: 100),
                    "max_pages": CatalogSchema.integer(
                        "Pages of theirs read, 100 releases each, one Discogs request each.",
                        minimum: 1,
                        maximum: maxPages,
                        default: 10
                    ),
                    "limit": CatalogSchema.integer("Releases listed per part.", minimum: 0, maximum: 100, default: 20),
                    "top": CatalogSchema.integer("Shared artists and styles listed.", minimum: 1, maximum: 50, default: 10),
                ],
                required: ["username"]
            ),
            outputSchema: CatalogSchema.object(
                [
                    "username": CatalogSchema.string, "partial": CatalogSchema.bool, "notice": CatalogSchema.string,
                    "mine": CatalogSchema.object(["copies": CatalogSchema.int, "releases": CatalogSchema.int]),
                    "theirs": CatalogSchema.object(["items": CatalogSchema.int, "read": CatalogSchema.int, "releases": CatalogSchema.int]),
                    "overlap": part, "only_mine": part, "only_theirs": part, "same_album_other_pressing": CatalogSchema.array(CatalogSchema.int),
                    "shared_artists": shared, "shared_styles": shared, "upstream_requests": CatalogSchema.int, "cached_answers": CatalogSchema.int,
                    "index": IndexRendering.freshnessSchema,
                ],
                required: ["username", "partial", "mine", "theirs", "overlap", "only_mine", "only_theirs", "shared_artists", "shared_styles"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let args = CatalogArguments(arguments)
        let other = try args.requiredString("username")
        let (account, freshness) = try await environment.preparedIndex(index, list: .collection, context: context)
        guard other.lowercased() != account.username.lowercased() else {
            throw ToolFailure("That is your own collection; give another collector's username.")
        }
        let api = TallyingDiscogsAPI(base: environment.api)
        let theirs = try await readTheirs(
            other,
            pages: min(max(args.int("max_pages") ?? 10, 1), Self.maxPages),
            api: api,
            credential: account.credential
        )
        let mine = try await readMine(account.username)
        let comparison = CollectionComparison(
            mine: mine.map(CollectionComparison.Entry.init),
            theirs: theirs.items.map(CollectionComparison.Entry.init)
        )
        let rendering = ComparisonRendering(
            username: other,
            comparison: comparison,
            myCopies: mine.count,
            theirs: (theirs.total, theirs.items.count),
            freshness: freshness,
            limit: min(max(args.int("limit") ?? 20, 0), 100),
            top: min(max(args.int("top") ?? 10, 1), 50)
        )
        return rendering.result(requests: (await api.tally.upstream, await api.tally.cached), spent: await api.tally.sentence())
    }

    /// Up to `pages` pages of the other user's folder 0, newest first; 403 means the collection is private.
    func readTheirs(
        _ username: String,
        pages: Int,
        api: any DiscogsAPI,
        credential: DiscogsCredential
    ) async throws -> (items: [CollectionItem], total: Int) {
        var items: [CollectionItem] = []
        var total = 0
        do {
            for page in 1...pages {
                let listing = try await api.collectionReleases(
                    username: username,
                    page: page,
                    perPage: 100,
                    sort: "added",
                    sortOrder: "desc",
                    as: credential
                )
                items += listing.items
                total = listing.pagination.items
                if page >= listing.pagination.pages || listing.items.isEmpty { break }
            }
        } catch DiscogsError.forbidden {
            throw ToolFailure("\(username)'s collection is private on Discogs, so it cannot be compared.")
        } catch DiscogsError.notFound {
            throw ToolFailure("There is no Discogs user \"\(username)\"; check the spelling.")
        }
        return (items, total)
    }

    /// Every copy in the user's index, 100 a query.
    func readMine(_ username: String) async throws -> [IndexedItem] {
        var items: [IndexedItem] = []
        var page = 1
        while true {
            let found = try await index.search(IndexQuery(username: username, list: .collection, sort: .added, page: page, perPage: 100))
            items += found.items
            if found.items.count < 100 || items.count >= found.total { return items }
            page += 1
        }
    }
}
