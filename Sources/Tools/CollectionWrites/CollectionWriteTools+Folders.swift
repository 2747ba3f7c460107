import Discogs
import Foundation
import MCP

extension CollectionWriteTools {
    static func getCollectionValue(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_collection_value",
            title: "Collection value",
            description: "Discogs' estimate of what the user's collection is worth (minimum, median, maximum), from marketplace sales.",
            inputSchema: CatalogSchema.input([:]),
            outputSchema: CatalogSchema.object(
                ["username": CatalogSchema.string, "minimum": CatalogSchema.string, "median": CatalogSchema.string, "maximum": CatalogSchema.string],
                required: ["username", "minimum", "median", "maximum"]
            ),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { _, context in
            let account = try await environment.account(for: context)
            let value = try await environment.api.collectionValue(username: account.username, as: account.credential)
            return .text(
                "Estimated value of \(account.username)'s collection: minimum \(value.minimum), median \(value.median), maximum \(value.maximum).",
                structured: [
                    "username": .string(account.username), "minimum": .string(value.minimum), "median": .string(value.median),
                    "maximum": .string(value.maximum),
                ]
            )
        }
    }

    static func listFolders(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "list_folders",
            title: "List collection folders",
            description: "The user's collection folders with ids and copy counts. 0 \"All\" holds everything; 1 \"Uncategorized\" is the default.",
            inputSchema: CatalogSchema.input([:]),
            outputSchema: CatalogSchema.object(["folders": CatalogSchema.array(folderSchema)], required: ["folders"]),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { _, context in
            let account = try await environment.account(for: context)
            let folders = try await environment.api.collectionFolders(username: account.username, as: account.credential)
            let lines = ["\(Wording.count(folders.count, "folder")):"] + folders.map { "- [\($0.id)] \($0.name): \($0.count)" }
            return .text(lines.joined(separator: "\n"), structured: ["folders": .array(folders.map(folder))])
        }
    }

    static func folder(_ folder: CollectionFolder) -> JSONValue {
        ["id": .int(Int64(folder.id)), "name": .string(folder.name), "count": .int(Int64(folder.count))]
    }

    static func createFolder(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "create_folder",
            title: "Create a collection folder",
            description: "Creates an empty folder in the user's collection and returns its id.",
            inputSchema: CatalogSchema.input(["name": CatalogSchema.text(maxLength: 100)], required: ["name"]),
            outputSchema: folderSchema,
            annotations: .discogsWrite(),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let created = try await environment.api.createFolder(
                username: account.username,
                name: try arguments.requiredString("name"),
                as: account.credential
            )
            await environment.changes.accountChanged(.folderSaved(username: account.username, folderID: created.id, name: created.name))
            return .text("Created folder \"\(created.name)\" (id \(created.id)).", structured: folder(created))
        }
    }

    static func renameFolder(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "rename_folder",
            title: "Rename a collection folder",
            description: "Renames a folder of the user's collection.",
            inputSchema: CatalogSchema.input(
                [
                    "folder_id": CatalogSchema.integer(minimum: 2, maximum: 999_999_999),
                    "name": CatalogSchema.text(maxLength: 100),
                ],
                required: ["folder_id", "name"]
            ),
            outputSchema: CatalogSchema.object(["id": CatalogSchema.int, "name": CatalogSchema.string], required: ["id", "name"]),
            annotations: .discogsWrite(idempotent: true),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let folderID = try arguments.requiredInt("folder_id")
            let name = try arguments.requiredString("name")
            try await environment.api.renameFolder(username: account.username, folderID: folderID, name: name, as: account.credential)
            await environment.changes.accountChanged(.folderSaved(username: account.username, folderID: folderID, name: name))
            return .text("Renamed folder \(folderID) to \"\(name)\".", structured: ["id": .int(Int64(folderID)), "name": .string(name)])
        }
    }

    static func deleteFolder(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "delete_folder",
            title: "Delete a collection folder",
            description: "Deletes an empty folder of the user's collection. This cannot be undone.",
            inputSchema: CatalogSchema.input(
                [
                    "folder_id": CatalogSchema.integer(minimum: 2, maximum: 999_999_999)
                ],
                required: ["folder_id"]
            ),
            outputSchema: CatalogSchema.object(["deleted_folder_id": CatalogSchema.int], required: ["deleted_folder_id"]),
            annotations: .discogsWrite(destructive: true, idempotent: true),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let folderID = try arguments.requiredInt("folder_id")
            try await environment.api.deleteFolder(username: account.username, folderID: folderID, as: account.credential)
            await environment.changes.accountChanged(.folderDeleted(username: account.username, folderID: folderID))
            return .text("Deleted folder \(folderID).", structured: ["deleted_folder_id": .int(Int64(folderID))])
        }
    }
}
