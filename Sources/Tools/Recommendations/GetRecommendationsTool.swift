import Discogs
import MCP

/// Picks from the user's own collection and wantlist, by similarity, genre/style, era, format or mood.
public struct GetRecommendationsTool: Tool {
    let environment: DiscogsToolEnvironment
    let index: CollectionIndex

    public init(environment: DiscogsToolEnvironment, index: CollectionIndex) {
        self.environment = environment
        self.index = index
    }

    /// Built once: the dispatcher reads it on every call.
    public let definition = Self.makeDefinition()

    static func makeDefinition() -> ToolDefinition {
        ToolDefinition(
            name: "get_recommendations",
            title: "Recommend from my records",
            description: """
                Picks records to play (collection) or buy (wantlist) from the user's own items, with reasons. Genre, style, format and years \
                filter; a mood never overrides them.
                """,
            inputSchema: CatalogSchema.input([
                "similar_to_release_id": CatalogSchema.id("Find items like this release."),
                "genre": CatalogSchema.text(maxLength: 100), "style": CatalogSchema.text(maxLength: 100),
                "format": CatalogSchema.text(maxLength: 100),
                "decade": CatalogSchema.integer(minimum: 1900, maximum: 2090),
                "year_from": CatalogSchema.integer(minimum: 1900, maximum: 2100), "year_to": CatalogSchema.integer(minimum: 1900, maximum: 2100),
                "mood": CatalogSchema.text(MoodMap.moods.joined(separator: ", ") + " or a synonym.", maxLength: 40),
                "source": CatalogSchema.choice(["collection", "wantlist"], default: "collection"),
                "limit": CatalogSchema.integer(minimum: 1, maximum: 50, default: 10),
            ]),
            outputSchema: [
                "type": "object",
                "properties": [
                    "source": ["type": "string"], "matched": ["type": "integer"], "mood_applied": ["type": "boolean"],
                    "picks": [
                        "type": "array",
                        "items": [
                            "type": "object", "properties": ["item": IndexRendering.itemSchema, "reason": ["type": "string"]],
                            "required": ["item", "reason"],
                        ],
                    ],
                    "index": IndexRendering.freshnessSchema,
                ],
                "required": ["source", "matched", "picks", "index"],
            ],
            annotations: .readOnly(openWorld: true),
            requiredScope: "read"
        )
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let args = CollectionArguments(arguments)
        let list = args.string("source").flatMap(IndexedList.init(rawValue:)) ?? .collection
        let (account, freshness) = try await environment.preparedIndex(index, list: list, context: context)
        let plan = try await RecommendationPlan(args, username: account.username, list: list, index: index)
        let page = try await index.search(plan.query)
        let picks = page.items.map { ($0, plan.reason(for: $0)) }
        var lines: [String] = []
        if let notice = freshness.partialNotice { lines.append(notice) }
        lines += plan.notes
        if picks.isEmpty {
            lines.append("Nothing in the \(list.rawValue) matches \(plan.summary). Loosen a filter or try another mood.")
        } else {
            lines.append(
                "\(Wording.count(picks.count, "pick")) from \(page.total) matching \(Wording.noun(page.total, "item")) in the \(list.rawValue) (\(plan.summary)):"
            )
            lines += picks.map { "\(IndexRendering.line($0.0)) — \($0.1)" }
        }
        let structured: JSONValue = [
            "source": .string(list.rawValue), "matched": .int(Int64(page.total)), "mood_applied": .bool(plan.moodApplied),
            "picks": .array(picks.map { ["item": IndexRendering.json($0.0), "reason": .string($0.1)] }), "index": IndexRendering.json(freshness),
        ]
        return .text(lines.joined(separator: "\n"), structured: structured)
    }
}
