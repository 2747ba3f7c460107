import Discogs
import MCP

/// Brings the local copy of the collection and wantlist up to date with Discogs, on demand.
public struct RefreshCollectionTool: Tool {
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
            name: "refresh_collection",
            title: "Refresh collection index",
            description: """
                Re-reads the user's collection and wantlist into the search index; use after edits on discogs.com or a PARTIAL answer, not \
                after this server's own writes.
                """,
            inputSchema: CatalogSchema.input([
                "full": ["type": "boolean", "default": false, "description": "Re-read everything (~1 min per 5,000 items), not just changes."],
                "lists": CatalogSchema.choice(["both", "collection", "wantlist"], default: "both"),
            ]),
            outputSchema: [
                "type": "object",
                "properties": [
                    "results": [
                        "type": "array",
                        "items": [
                            "type": "object",
                            "properties": [
                                "list": ["type": "string"], "kind": ["type": "string", "enum": ["full", "incremental"]],
                                "added": ["type": "integer"], "removed": ["type": "integer"], "items_read": ["type": "integer"],
                                "requests": ["type": "integer"], "total": ["type": "integer"], "widened": ["type": "boolean"],
                                "duration_ms": ["type": "integer"],
                            ],
                            "required": ["list", "kind", "added", "removed", "requests", "total"],
                        ],
                    ]
                ],
                "required": ["results"],
            ],
            annotations: ToolAnnotations(readOnly: true, idempotent: true, openWorld: true),
            requiredScope: "read"
        )
    }

    public func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult {
        let args = CollectionArguments(arguments)
        let account = try await environment.account(for: context)
        let full = args.bool("full") ?? false
        let lists: [IndexedList] =
            switch args.string("lists") {
            case "collection": [.collection]
            case "wantlist": [.wantlist]
            default: [.collection, .wantlist]
            }
        var lines: [String] = []
        var results: [JSONValue] = []
        let progress = context.progress
        for list in lists {
            let report: CollectionSyncReport
            do {
                report = try await index.refresh(username: account.username, list: list, credential: account.credential, full: full) { done, total in
                    await progress.report(Double(done), total: Double(total), message: "Reading your \(list.rawValue): \(done) of \(total)")
                }
            } catch DiscogsError.unauthorized(let message) {
                throw DiscogsError.unauthorized(message: message)  // the caller's grant ends (CredentialRefusalGuard)
            } catch {
                throw ToolFailure("Refreshing the \(list.rawValue) failed: \(error). What was indexed before is kept; try again later.")
            }
            let milliseconds = report.duration.components.seconds * 1000 + report.duration.components.attoseconds / 1_000_000_000_000_000
            var line = "\(list == .collection ? "Collection" : "Wantlist"): \(report.kind == .full ? "full re-read" : "incremental check")"
            line +=
                " — \(report.added) added, \(report.removed) removed, \(Wording.count(report.itemsSynced, "item")) read, \(Wording.count(report.requests, "Discogs request")); now \(Wording.count(report.indexedTotal, "item"))"
            if report.widened { line += " (counts differed, so the affected folders were re-read)" }
            if report.resumed { line += " (continued an interrupted sync)" }
            lines.append(line + ".")
            results.append([
                "list": .string(list.rawValue), "kind": .string(report.kind.rawValue), "added": .int(Int64(report.added)),
                "removed": .int(Int64(report.removed)), "items_read": .int(Int64(report.itemsSynced)), "requests": .int(Int64(report.requests)),
                "total": .int(Int64(report.indexedTotal)), "widened": .bool(report.widened), "duration_ms": .int(milliseconds),
            ])
        }
        return .text(lines.joined(separator: "\n"), structured: ["results": .array(results)])
    }
}
