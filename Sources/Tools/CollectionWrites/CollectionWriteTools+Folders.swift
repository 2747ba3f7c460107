import Foundation
import Discogs
import MCP

extension CollectionWriteTools {
    static func getCollectionValue(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_collection_value",
            title: "Collection value",
            description: """
                Discogs' estimate of what the signed-in user's whole collection is worth — minimum, median and maximum — as Discogs formats it \
                in the user's currency (e.g. "$1,234.56", "£2.50"), based on marketplace sales. Owner only.
                """,
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
                    "username": .string(account.username), "minimum": .string(value.minimum), "median": .string(value.median), "maximum": .string(value.maximum),
                ]
            )
        }
    }

    static func listFolders(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "list_folders",
            title: "List collection folders",
            description: """
                The signed-in user's collection folders with their ids and how many copies each holds. Folder 0 "All" holds everything and \
                folder 1 "Uncategorized" is the default; both always exist and cannot be renamed or deleted. Use the ids with add_to_collection, \
                move_release, rename_folder and delete_folder.
                """,
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
            description: "Creates a new, empty folder in the signed-in user's collection and returns its id (for add_to_collection or move_release).",
            inputSchema: CatalogSchema.input(["name": CatalogSchema.text("The new folder's name.", maxLength: 100)], required: ["name"]),
            outputSchema: folderSchema,
            annotations: .discogsWrite(),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let created = try await environment.api.createFolder(username: account.username, name: try arguments.requiredString("name"), as: account.credential)
            await environment.changes.accountChanged(.folderSaved(username: account.username, folderID: created.id, name: created.name))
            return .text("Created folder \"\(created.name)\" (id \(created.id)).", structured: folder(created))
        }
    }

    static func renameFolder(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "rename_folder",
            title: "Rename a collection folder",
            description: "Renames one of the signed-in user's own folders (ids 2 and up; folders 0 \"All\" and 1 \"Uncategorized\" cannot be renamed). Get ids from list_folders.",
            inputSchema: CatalogSchema.input([
                "folder_id": CatalogSchema.integer("The folder to rename (2 or higher).", minimum: 2, maximum: 999_999_999),
                "name": CatalogSchema.text("The new name.", maxLength: 100),
            ], required: ["folder_id", "name"]),
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
            description: """
                Deletes one of the signed-in user's own folders. Discogs only deletes empty folders (move its copies elsewhere first with move_release); \
                folders 0 and 1 cannot be deleted. The deletion cannot be undone: the folder's id and name are gone (create_folder makes a new one with a new id).
                """,
            inputSchema: CatalogSchema.input([
                "folder_id": CatalogSchema.integer("The folder to delete (2 or higher).", minimum: 2, maximum: 999_999_999),
            ], required: ["folder_id"]),
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
