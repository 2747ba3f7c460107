import Discogs
import Foundation
import MCP

/// Adding to and removing from the wantlist (reading it is the local index's get_wantlist).
enum WantlistTools {
    static func all(_ environment: DiscogsToolEnvironment) -> [any Tool] {
        [addToWantlist(environment), removeFromWantlist(environment)]
    }

    static func addToWantlist(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "add_to_wantlist",
            title: "Add a release to the wantlist",
            description: """
                Adds a release to the user's wantlist or updates the want. The answer shows what Discogs kept (it may drop notes and rating).
                """,
            inputSchema: CatalogSchema.input(
                [
                    "release_id": CatalogSchema.id(),
                    "notes": CatalogSchema.text(maxLength: 1_000),
                    "rating": CatalogSchema.integer(minimum: 0, maximum: 5),
                ],
                required: ["release_id"]
            ),
            outputSchema: CatalogSchema.object(
                [
                    "release_id": CatalogSchema.int, "title": CatalogSchema.string, "notes": CatalogSchema.string, "rating": CatalogSchema.int,
                    "already_wanted": CatalogSchema.bool,
                ],
                required: ["release_id", "already_wanted"]
            ),
            annotations: .discogsWrite(idempotent: true),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let releaseID = try arguments.requiredInt("release_id")
            let known = await environment.changes.isWanted(username: account.username, releaseID: releaseID)
            let want = try await environment.api.addToWantlist(
                username: account.username,
                releaseID: releaseID,
                notes: arguments.string("notes"),
                rating: arguments.int("rating"),
                as: account.credential
            )
            await environment.changes.accountChanged(.wantlistAdded(username: account.username, releaseID: releaseID, want: want))
            let already = known ?? wantedBefore(want)
            let title = want.basicInformation.map { "\(StructuredValue.artistLine($0.artists)) – \($0.title)" }
            var kept: [String] = []
            if let notes = want.notes, !notes.isEmpty { kept.append("notes \"\(notes)\"") }
            if let rating = want.rating, rating > 0 { kept.append("rating \(rating)") }
            let subject = "\(releaseID)\(title.map { " (\($0))" } ?? "")"
            var text =
                already
                ? "Release \(subject) was already in \(account.username)'s wantlist; it was updated, not added again."
                : "Added release \(subject) to \(account.username)'s wantlist."
            if !kept.isEmpty { text += " Discogs keeps " + kept.joined(separator: " and ") + "." }
            return .text(
                text,
                structured: StructuredValue.object([
                    "release_id": StructuredValue.int(releaseID), "title": StructuredValue.string(title), "notes": StructuredValue.string(want.notes),
                    "rating": StructuredValue.int(want.rating),
                    "already_wanted": .bool(already),
                ])
            )
        }
    }

    /// Without an index to ask, Discogs' answer tells: PUT answers an existing want with its
    /// original `date_added`, a new one with now. Ten minutes absorbs clock differences.
    static func wantedBefore(_ want: Want, now: Date = Date()) -> Bool {
        guard let added = want.dateAdded.flatMap(DiscogsDate.seconds(from:)) else { return false }
        return added < now.timeIntervalSince1970 - 600
    }

    static func removeFromWantlist(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "remove_from_wantlist",
            title: "Remove a release from the wantlist",
            description: "Removes a release from the user's wantlist. This cannot be undone: its notes, rating and date added are lost.",
            inputSchema: CatalogSchema.input(["release_id": CatalogSchema.id()], required: ["release_id"]),
            outputSchema: CatalogSchema.object(["release_id": CatalogSchema.int], required: ["release_id"]),
            annotations: .discogsWrite(destructive: true, idempotent: true),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let releaseID = try arguments.requiredInt("release_id")
            try await environment.api.removeFromWantlist(username: account.username, releaseID: releaseID, as: account.credential)
            await environment.changes.accountChanged(.wantlistRemoved(username: account.username, releaseID: releaseID))
            return .text("Removed release \(releaseID) from \(account.username)'s wantlist.", structured: ["release_id": .int(Int64(releaseID))])
        }
    }
}
