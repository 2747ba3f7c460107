import Discogs
import Foundation
import MCP

extension CollectionWriteTools {
    static func listCustomFields(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let field = CatalogSchema.object(
            [
                "id": CatalogSchema.int, "name": CatalogSchema.string, "type": CatalogSchema.string, "options": CatalogSchema.strings,
                "lines": CatalogSchema.int, "position": CatalogSchema.int, "public": CatalogSchema.bool,
            ],
            required: ["id", "name", "type"]
        )
        let definition = ToolDefinition(
            name: "list_custom_fields",
            title: "List collection custom fields",
            description: "The user's custom fields for collection copies (e.g. Media Condition, Notes): id, name, type, dropdown options.",
            inputSchema: CatalogSchema.input([:]),
            outputSchema: CatalogSchema.object(["fields": CatalogSchema.array(field)], required: ["fields"]),
            annotations: .discogsRead,
            requiredScope: CatalogScope.read
        )
        return CatalogTool(definition) { _, context in
            let account = try await environment.account(for: context)
            let fields = try await environment.api.collectionFields(username: account.username, as: account.credential)
            let items: [JSONValue] = fields.map { field in
                StructuredValue.object([
                    "id": StructuredValue.int(field.id), "name": .string(field.name), "type": .string(field.type),
                    "options": StructuredValue.strings(field.options),
                    "lines": StructuredValue.int(field.lines), "position": StructuredValue.int(field.position),
                    "public": StructuredValue.bool(field.public),
                ])
            }
            let lines =
                ["\(fields.count) custom fields:"]
                + fields.map { field in
                    "- [\(field.id)] \(field.name) (\(field.type)\(field.public == false ? ", private" : ""))"
                        + (field.options.map { ": " + $0.joined(separator: " | ") } ?? "")
                }
            return .text(lines.joined(separator: "\n"), structured: ["fields": .array(items)])
        }
    }

    static func editCustomField(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "edit_custom_field",
            title: "Edit a copy's custom field",
            description: "Sets a custom field of a copy in the user's collection: a dropdown takes one of its options; empty clears it.",
            inputSchema: CatalogSchema.input(
                [
                    "release_id": releaseID, "instance_id": instanceID,
                    "field_id": CatalogSchema.id(),
                    "value": CatalogSchema.text(maxLength: 2_000),
                ],
                required: ["release_id", "field_id", "value"]
            ),
            outputSchema: CatalogSchema.object(
                [
                    "release_id": CatalogSchema.int, "instance_id": CatalogSchema.int, "field_id": CatalogSchema.int,
                    "field_name": CatalogSchema.string,
                    "value": CatalogSchema.string,
                ],
                required: ["release_id", "instance_id", "field_id", "value"]
            ),
            annotations: .discogsWrite(idempotent: true),
            requiredScope: CatalogScope.write
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let releaseID = try arguments.requiredInt("release_id")
            let fieldID = try arguments.requiredInt("field_id")
            let value = arguments.rawString("value") ?? ""
            let fields = try await environment.api.collectionFields(username: account.username, as: account.credential)
            let field = try field(fieldID, accepting: value, among: fields)
            let copy = try await CopyResolver.resolve(
                releaseID: releaseID,
                instanceID: arguments.int("instance_id"),
                account: account,
                environment: environment
            )
            try await environment.api.editCustomField(
                username: account.username,
                folderID: copy.folderId ?? 1,
                releaseID: releaseID,
                instanceID: copy.instanceId,
                fieldID: fieldID,
                value: value,
                as: account.credential
            )
            await environment.changes.accountChanged(
                .collectionFieldEdited(username: account.username, releaseID: releaseID, instanceID: copy.instanceId, fieldID: fieldID, value: value)
            )
            let text = value.isEmpty ? "Cleared \(field.name)" : "Set \(field.name) to \"\(value)\""
            return .text(
                "\(text) on instance \(copy.instanceId) of release \(releaseID).",
                structured: [
                    "release_id": .int(Int64(releaseID)), "instance_id": .int(Int64(copy.instanceId)), "field_id": .int(Int64(fieldID)),
                    "field_name": .string(field.name), "value": .string(value),
                ]
            )
        }
    }

    /// The field `id` among the user's `fields`, if `value` fits it (a dropdown takes one of its options or empty).
    static func field(_ id: Int, accepting value: String, among fields: [CollectionField]) throws -> CollectionField {
        guard let field = fields.first(where: { $0.id == id }) else {
            throw ToolFailure("There is no custom field \(id). Fields: " + fields.map { "\($0.id) \($0.name)" }.joined(separator: ", ") + ".")
        }
        if field.type == "dropdown", !value.isEmpty, let options = field.options, !options.contains(value) {
            throw ToolFailure("\"\(value)\" is not an option of \(field.name); choose one of: " + options.joined(separator: " | ") + ".")
        }
        return field
    }
}
