import Discogs
import Foundation
import MCP

/// Every version of a master ranked for collecting, listening or buying, with the user's own copies marked.
public struct RankPressingsTool: Tool {
    let environment: DiscogsToolEnvironment
    let index: CollectionIndex

    public init(environment: DiscogsToolEnvironment, index: CollectionIndex) {
        self.environment = environment
        self.index = index
    }

    /// At most this many versions get a detail read per call (listening, value).
    static let maxExamined = 25

    /// Built once: the dispatcher reads it on every call.
    public let definition = Self.makeDefinition()

    static let purposeChoice = CatalogSchema.choice(
        PressingPurpose.allCases.map(\.rawValue),
        "collector: original first press, country, format details; listening: community rating, format, remastering; value: price, copies for sale."
    )

    static func makeDefinition() -> ToolDefinition {
        let pressing = CatalogSchema.object(
            [
                "rank": CatalogSchema.int, "release_id": CatalogSchema.int, "title": CatalogSchema.string, "label": CatalogSchema.string,
                "catno": CatalogSchema.string, "country": CatalogSchema.string, "year": CatalogSchema.int, "format": CatalogSchema.string,
                "score": CatalogSchema.number, "evidence": CatalogSchema.strings, "owned": CatalogSchema.bool, "examined": CatalogSchema.bool,
                "have": CatalogSchema.int, "want": CatalogSchema.int, "rating_average": CatalogSchema.number, "rating_count": CatalogSchema.int,
                "lowest_price": CatalogSchema.price, "num_for_sale": CatalogSchema.int,
            ],
            required: ["rank", "release_id", "title", "score", "evidence", "owned", "examined"]
        )
        return ToolDefinition(
            name: "rank_pressings",
            title: "Rank the pressings of an album",
            description: """
                Ranks all versions of a master (or of a release's master) for a purpose — which pressing to collect, to listen to, \
                or to buy now — with the evidence behind each score and the ones the user owns. Use it for "which pressing should I get".
                """,
            inputSchema: CatalogSchema.input(
                [
                    "master_id": CatalogSchema.id("The master to rank; or give release_id."),
                    "release_id": CatalogSchema.id("Any release of the master."),
                    "purpose": purposeChoice,
                    "examine": CatalogSchema.integer(
                        "Versions read in detail for listening or value, one Discogs request each (default 10).",
                        minimum: 1,
                        maximum: maxExamined
                    ),
                    "format": CatalogSchema.text("Only this format, e.g. Vinyl."), "country": CatalogSchema.text("Only this country."),
                    "page": CatalogSchema.page, "per_page": CatalogSchema.integer(minimum: 1, maximum: 50, default: 10),
                ],
                required: ["purpose"]
            ),
            outputSchema: CatalogSchema.object(
                [
                    "master_id": CatalogSchema.int, "title": CatalogSchema.string, "artist": CatalogSchema.string, "purpose": CatalogSchema.string,
                    "total_versions": CatalogSchema.int, "ranked": CatalogSchema.int, "examined": CatalogSchema.int,
                    "owned_release_ids": CatalogSchema.array(CatalogSchema.int), "upstream_requests": CatalogSchema.int,
                    "cached_answers": CatalogSchema.int,
                    "pagination": CatalogSchema.pagination, "pressings": CatalogSchema.array(pressing), "index": IndexRendering.freshnessSchema,
                ],
                required: [
                    "master_id", "purpose", "total_versions", "ranked", "examined", "owned_release_ids", "upstream_requests", "pagination",
                    "pressings",
                ]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        try await CatalogTool.explainingNotFound(arguments) { try await answer(arguments, context: context) }
    }

    func answer(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let args = CatalogArguments(arguments)
        guard let purpose = args.string("purpose").flatMap(PressingPurpose.init(rawValue:)) else {
            throw ToolFailure("purpose must be collector, listening or value.")
        }
        let (account, freshness) = try await environment.preparedIndex(index, list: .collection, context: context)
        let api = TallyingDiscogsAPI(base: environment.api)
        let masterID = try await Self.masterID(args, api: api, credential: account.credential)
        let survey = PressingSurvey(api: api, credential: account.credential, index: index, username: account.username)
        let examine = min(max(args.int("examine") ?? 10, 1), Self.maxExamined)
        let result = try await survey.run(
            masterID: masterID,
            purpose: purpose,
            examine: examine,
            format: args.string("format"),
            country: args.string("country")
        )
        let perPage = min(max(args.int("per_page") ?? 10, 1), 50)
        let rendering = PressingRendering(result: result, purpose: purpose, page: args.page, perPage: perPage, freshness: freshness)
        return rendering.result(requests: (await api.tally.upstream, await api.tally.cached), spent: await api.tally.sentence())
    }

    /// The master to rank: given, or the master of the given release.
    static func masterID(_ args: CatalogArguments, api: any DiscogsAPI, credential: DiscogsCredential) async throws -> Int {
        if let master = args.int("master_id") {
            guard args.int("release_id") == nil else { throw ToolFailure("Give master_id or release_id, not both.") }
            return master
        }
        guard let releaseID = args.int("release_id") else {
            throw ToolFailure("Give master_id, or release_id to rank the versions of that release's master.")
        }
        let release = try await api.release(id: releaseID, as: credential)
        guard let master = release.masterId, master > 0 else {
            throw ToolFailure(
                "Release \(releaseID) (\(release.title)) belongs to no master, so it has no other versions to rank; get_release describes it."
            )
        }
        return master
    }
}
