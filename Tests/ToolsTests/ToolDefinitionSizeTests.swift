import Discogs
import DiscogsSandbox
import Foundation
import MCP
import Storage
import Testing
import Tools

/// What every conversation pays for the tool list stays small (issue 12 point 4).
///
/// A client loads each tool's name, description and input schema into the model's context on every
/// conversation. These are counted as `bench/tool_definition_bytes.py` counts them (UTF-8 of the
/// compact JSON the server writes), for the 47 tools of the catalogue as it stood when the text was
/// tightened: tools added later do not count against the budget, but get the per-tool rules.
@Suite("Tool definition size")
struct ToolDefinitionSizeTests {
    /// The catalogue measured at 40,644 bytes before tightening; the budget is 60 % of that.
    static let budget = 24_386
    static let measured: Set<String> = [
        "ping", "server_info", "auth_status",
        "search_database", "get_release", "get_master", "get_master_versions", "get_artist", "get_artist_releases", "get_label",
        "get_label_releases", "get_release_rating", "compare_pressings",
        "search_collection", "get_collection_stats", "get_recommendations", "refresh_collection", "get_collection_value", "list_folders",
        "list_custom_fields",
        "create_folder", "rename_folder", "delete_folder", "add_to_collection", "remove_from_collection", "move_release", "rate_release",
        "edit_custom_field",
        "get_wantlist", "add_to_wantlist", "remove_from_wantlist",
        "get_marketplace_stats", "get_price_suggestions", "get_inventory", "get_listing", "create_listing", "update_listing",
        "delete_listing", "list_orders", "get_order", "update_order", "get_order_messages", "send_order_message",
        "get_user_profile", "get_user_lists", "get_list",
        "fetch_image",
    ]
    /// A description says what the tool is for in a sentence or two; longer text belongs in the schema or nowhere.
    static let descriptionBytes = 40...250
    static let propertyDescriptionBytes = 150

    static func catalogue(_ harness: SandboxHarness) -> [any Tool] {
        let index = CollectionIndex(api: harness.client, store: SQLiteCollectionIndexStore(database: harness.database))
        let facts = ServerInfoTool.Facts(name: "t", version: "0", transports: [.stdio], discogsMode: "sandbox", startedAt: .now)
        return [PingTool(), ServerInfoTool(facts: facts), AuthStatusTool(signInHint: "")]
            + DiscogsTools.all(environment: harness.environment) + CollectionTools.all(environment: harness.environment, index: index)
    }

    /// Bytes of name + description + inputSchema, as the bench counts them.
    static func bytes(_ definition: ToolDefinition) -> (name: Int, description: Int, schema: Int) {
        (definition.name.utf8.count, definition.description.utf8.count, definition.inputSchema.encodedBytes.count)
    }

    @Test("the 47 tools' names, descriptions and input schemas fit in 60 % of the 40,644 bytes they took before")
    func catalogueFitsTheBudget() async throws {
        try await SandboxHarness.with(SampleAccount.Options(collectionSize: 2, wantlistSize: 1)) { harness in
            let definitions = Self.catalogue(harness).map(\.definition).filter { Self.measured.contains($0.name) }
            #expect(Set(definitions.map(\.name)) == Self.measured, "a measured tool is missing or renamed")
            let parts = definitions.map(Self.bytes)
            let (names, descriptions, schemas) = (
                parts.map(\.name).reduce(0, +), parts.map(\.description).reduce(0, +), parts.map(\.schema).reduce(0, +)
            )
            let total = names + descriptions + schemas
            #expect(total <= Self.budget, "\(total) bytes (name \(names) + description \(descriptions) + inputSchema \(schemas)) > \(Self.budget)")
        }
    }

    @Test("every description is short and does not repeat the tool's name; property descriptions are brief and add to the name")
    func descriptionsAreTight() async throws {
        try await SandboxHarness.with(SampleAccount.Options(collectionSize: 2, wantlistSize: 1)) { harness in
            for tool in Self.catalogue(harness) {
                let definition = tool.definition
                let size = definition.description.utf8.count
                #expect(Self.descriptionBytes.contains(size), "\(definition.name): description is \(size) bytes, not in \(Self.descriptionBytes)")
                #expect(!definition.description.contains(definition.name), "\(definition.name): the description repeats the name")
                for (property, rules) in definition.inputSchema["properties"]?.objectValue ?? [:] {
                    let text = rules["description"]?.stringValue ?? ""
                    #expect(text.utf8.count <= Self.propertyDescriptionBytes, "\(definition.name).\(property): description \(text.utf8.count) bytes")
                    // "The Discogs release id." for `release_id` says nothing the name does not.
                    let spelled = property.replacingOccurrences(of: "_", with: " ")
                    #expect(
                        !property.contains("_") || !text.lowercased().contains(spelled),
                        "\(definition.name).\(property): the description spells out the name"
                    )
                }
            }
        }
    }
}
