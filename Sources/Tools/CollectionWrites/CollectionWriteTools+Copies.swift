import Discogs
import Foundation
import MCP

extension CollectionWriteTools {
    static let copyResult = CatalogSchema.object(
        [
            "release_id": CatalogSchema.int, "instance_id": CatalogSchema.int, "folder_id": CatalogSchema.int, "rating": CatalogSchema.int,
        ],
        required: ["release_id", "instance_id"]
    )

    static func addToCollection(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "add_to_collection",
            title: "Add a release to the collection",
            description: "Adds a copy of a release to the user's collection; returns its instance id. Each call adds another copy.",
            inputSchema: CatalogSchema.input(
                [
                    "release_id": CatalogSchema.id(),
                    "folder_id": CatalogSchema.integer(minimum: 1, maximum: 999_999_999, default: 1),
                ],
                required: ["release_id"]
            ),
            outputSchema: copyResult,
            annotations: .discogsWrite(),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let releaseID = try arguments.requiredInt("release_id")
            let folderID = arguments.int("folder_id") ?? 1
            let added = try await environment.api.addToCollection(
                username: account.username,
                releaseID: releaseID,
                folderID: folderID,
                as: account.credential
            )
            await environment.changes.accountChanged(
                .collectionAdded(username: account.username, releaseID: releaseID, instanceID: added.instanceId, folderID: folderID)
            )
            return .text(
                "Added release \(releaseID) to folder \(folderID) as instance \(added.instanceId).",
                structured: ["release_id": .int(Int64(releaseID)), "instance_id": .int(Int64(added.instanceId)), "folder_id": .int(Int64(folderID))]
            )
        }
    }

    static func removeFromCollection(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "remove_from_collection",
            title: "Remove a copy from the collection",
            description: "Removes a copy of a release from the user's collection. This cannot be undone: its rating and notes are lost.",
            inputSchema: CatalogSchema.input(["release_id": releaseID, "instance_id": instanceID], required: ["release_id"]),
            outputSchema: copyResult,
            annotations: .discogsWrite(destructive: true),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let releaseID = try arguments.requiredInt("release_id")
            let copy = try await CopyResolver.resolve(
                releaseID: releaseID,
                instanceID: arguments.int("instance_id"),
                account: account,
                environment: environment
            )
            let folderID = copy.folderId ?? 0
            try await environment.api.removeFromCollection(
                username: account.username,
                folderID: folderID,
                releaseID: releaseID,
                instanceID: copy.instanceId,
                as: account.credential
            )
            await environment.changes.accountChanged(
                .collectionRemoved(username: account.username, releaseID: releaseID, instanceID: copy.instanceId)
            )
            return .text(
                "Removed instance \(copy.instanceId) of release \(releaseID) (\(copy.basicInformation.title)) from folder \(folderID).",
                structured: ["release_id": .int(Int64(releaseID)), "instance_id": .int(Int64(copy.instanceId)), "folder_id": .int(Int64(folderID))]
            )
        }
    }

    static func moveRelease(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "move_release",
            title: "Move a copy to another folder",
            description: "Moves a copy of a release to another folder of the user's collection.",
            inputSchema: CatalogSchema.input(
                [
                    "release_id": releaseID, "instance_id": instanceID,
                    "to_folder_id": CatalogSchema.integer(minimum: 1, maximum: 999_999_999),
                ],
                required: ["release_id", "to_folder_id"]
            ),
            outputSchema: copyResult,
            annotations: .discogsWrite(idempotent: true),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let destination = try arguments.requiredInt("to_folder_id")
            let (releaseID, copy) = try await editCopy(arguments, context: context, environment: environment, moveTo: destination)
            return .text(
                "Moved instance \(copy.instanceId) of release \(releaseID) from folder \(copy.folderId ?? 0) to folder \(destination).",
                structured: [
                    "release_id": .int(Int64(releaseID)), "instance_id": .int(Int64(copy.instanceId)), "folder_id": .int(Int64(destination)),
                ]
            )
        }
    }

    static func rateRelease(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "rate_release",
            title: "Rate a copy in the collection",
            description: "Sets the user's 1–5 star rating of a release in their collection; 0 clears it.",
            inputSchema: CatalogSchema.input(
                [
                    "release_id": releaseID, "instance_id": instanceID,
                    "rating": CatalogSchema.integer(minimum: 0, maximum: 5),
                ],
                required: ["release_id", "rating"]
            ),
            outputSchema: copyResult,
            annotations: .discogsWrite(idempotent: true),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let rating = try arguments.requiredInt("rating")
            let (releaseID, copy) = try await editCopy(arguments, context: context, environment: environment, rating: rating)
            let what = rating == 0 ? "Cleared the rating of" : "Rated \(rating)/5:"
            return .text(
                "\(what) instance \(copy.instanceId) of release \(releaseID) (\(copy.basicInformation.title)).",
                structured: [
                    "release_id": .int(Int64(releaseID)), "instance_id": .int(Int64(copy.instanceId)), "folder_id": .int(Int64(copy.folderId ?? 0)),
                    "rating": .int(Int64(rating)),
                ]
            )
        }
    }

    /// Resolves the copy a move or a rating acts on, edits it on Discogs and tells the index.
    private static func editCopy(
        _ arguments: CatalogArguments,
        context: ToolContext,
        environment: DiscogsToolEnvironment,
        rating: Int? = nil,
        moveTo destination: Int? = nil
    ) async throws -> (releaseID: Int, copy: CollectionItem) {
        let account = try await environment.account(for: context)
        let releaseID = try arguments.requiredInt("release_id")
        let copy = try await CopyResolver.resolve(
            releaseID: releaseID,
            instanceID: arguments.int("instance_id"),
            account: account,
            environment: environment
        )
        try await environment.api.editInstance(
            username: account.username,
            folderID: copy.folderId ?? 0,
            releaseID: releaseID,
            instanceID: copy.instanceId,
            rating: rating,
            moveTo: destination,
            as: account.credential
        )
        await environment.changes.accountChanged(
            .collectionEdited(username: account.username, releaseID: releaseID, instanceID: copy.instanceId, rating: rating, folderID: destination)
        )
        return (releaseID, copy)
    }
}
