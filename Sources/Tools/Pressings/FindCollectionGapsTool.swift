import Discogs
import Foundation
import MCP

/// An artist's or label's main releases the user does not own, and, for the masters they do own,
/// whether a better pressing exists by `rank_pressings`' ranking.
public struct FindCollectionGapsTool: Tool {
    let environment: DiscogsToolEnvironment
    let index: CollectionIndex

    public init(environment: DiscogsToolEnvironment, index: CollectionIndex) {
        self.environment = environment
        self.index = index
    }

    static let maxChecks = 10
    /// No further upgrade check starts once a call has sent this many Discogs requests (the 60-a-minute
    /// budget is shared by every user); the rest are named as unchecked, and asking again resumes from cache.
    static let requestBudget = 40

    /// Built once: the dispatcher reads it on every call.
    public let definition = Self.makeDefinition()

    static func makeDefinition() -> ToolDefinition {
        let gap = CatalogSchema.object(
            [
                "kind": CatalogSchema.choice(["master", "release"], "Master (all pressings) or a release."), "id": CatalogSchema.int,
                "title": CatalogSchema.string, "artist": CatalogSchema.string, "year": CatalogSchema.int, "format": CatalogSchema.string,
                "main_release_id": CatalogSchema.int, "releases": CatalogSchema.int,
            ],
            required: ["kind", "id", "title"]
        )
        let check = CatalogSchema.object(
            [
                "master_id": CatalogSchema.int, "title": CatalogSchema.string, "owned_release_ids": CatalogSchema.array(CatalogSchema.int),
                "owned_rank": CatalogSchema.int, "owned_score": CatalogSchema.number, "best_release_id": CatalogSchema.int,
                "best_score": CatalogSchema.number, "better_exists": CatalogSchema.bool, "best_evidence": CatalogSchema.strings,
                "versions": CatalogSchema.int,
            ],
            required: ["master_id", "owned_release_ids", "better_exists"]
        )
        return ToolDefinition(
            name: "find_collection_gaps",
            title: "Find gaps in my collection",
            description: """
                For an artist or label in the user's collection: its main releases the user does not own (year, format), and for the \
                albums they own, whether a better pressing exists. Use it for "what am I missing by …" or "should I upgrade my copy".
                """,
            inputSchema: CatalogSchema.input([
                "artist": CatalogSchema.text("An artist name as it appears in the collection."), "artist_id": CatalogSchema.id(),
                "label": CatalogSchema.text("A label name as it appears in the collection."), "label_id": CatalogSchema.id(),
                "purpose": RankPressingsTool.purposeChoice,
                "check_owned": CatalogSchema.integer(
                    "Owned albums checked for a better pressing, earliest first (default 3; 0 skips). Each costs Discogs requests.",
                    minimum: 0,
                    maximum: maxChecks
                ),
                "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
            ]),
            outputSchema: CatalogSchema.object(
                [
                    "subject": CatalogSchema.choice(["artist", "label"], "What was looked at."), "id": CatalogSchema.int,
                    "name": CatalogSchema.string,
                    "main_releases": CatalogSchema.int, "owned": CatalogSchema.int, "listing_total": CatalogSchema.int,
                    "listing_read": CatalogSchema.int,
                    "pagination": CatalogSchema.pagination, "gaps": CatalogSchema.array(gap), "purpose": CatalogSchema.string,
                    "checked": CatalogSchema.array(check), "unchecked_master_ids": CatalogSchema.array(CatalogSchema.int),
                    "upstream_requests": CatalogSchema.int, "cached_answers": CatalogSchema.int, "index": IndexRendering.freshnessSchema,
                ],
                required: ["subject", "id", "name", "main_releases", "owned", "pagination", "gaps", "checked", "upstream_requests"]
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
        let purpose = args.string("purpose").flatMap(PressingPurpose.init(rawValue:)) ?? .collector
        let (account, freshness) = try await environment.preparedIndex(index, list: .collection, context: context)
        let api = TallyingDiscogsAPI(base: environment.api)
        let subject = try await GapsSubject.resolve(args, api: api, account: account, index: index)
        let (works, read, total) = try await subject.works(api: api, credential: account.credential)
        let owned = CollectionGaps.Owned(subject.items)
        let gaps = works.filter { !CollectionGaps.isOwned($0, owned, byTitle: subject.kind == .label) }
        var ownedMasters = works.filter { $0.kind == .master && owned.masterIDs.contains($0.id) }.map(\.id)
        if subject.kind == .label {
            ownedMasters = Array(Set(subject.items.compactMap(\.masterID))).sorted()
        }
        let checks = min(max(args.int("check_owned") ?? 3, 0), Self.maxChecks)
        let survey = PressingSurvey(api: api, credential: account.credential, index: index, username: account.username)
        var checked: [UpgradeCheck] = []
        for masterID in ownedMasters.prefix(checks) {
            guard await api.tally.upstream < Self.requestBudget else { break }
            checked.append(UpgradeCheck(try await survey.run(masterID: masterID, purpose: purpose, examine: 5, format: nil, country: nil)))
        }
        let rendering = GapsRendering(
            subject: subject,
            works: works,
            gaps: gaps,
            ownedCount: works.count - gaps.count,
            listing: (read, total),
            purpose: purpose,
            checked: checked,
            unchecked: Array(ownedMasters.dropFirst(checked.count)),
            page: args.page,
            perPage: args.perPage(),
            freshness: freshness
        )
        return rendering.result(requests: (await api.tally.upstream, await api.tally.cached), spent: await api.tally.sentence())
    }
}

/// Whether a pressing ranked above the user's best copy of a master.
struct UpgradeCheck {
    var masterID: Int
    var title: String
    var versions: Int
    var owned: [RankedPressing]
    var ownedRank: Int?
    var best: RankedPressing?

    init(_ result: PressingSurvey.Result) {
        masterID = result.master.id
        title = result.master.title
        versions = result.ranked.count
        owned = result.ranked.filter(\.facts.owned)
        ownedRank = result.ranked.firstIndex(where: \.facts.owned).map { $0 + 1 }
        best = result.ranked.first
    }

    /// True when the top pressing is not one the user owns and scores higher than their best copy.
    var betterExists: Bool {
        guard let best, !best.facts.owned else { return false }
        return best.score > (owned.first?.score ?? -1)
    }
}
