import Discogs
import DiscogsSandbox
import MCP
import Testing
import Tools

@Suite("Catalog definitions")
struct CatalogDefinitionTests {
    static let expectedScopes: [String: String] = [
        "search_database": "read", "get_release": "read", "get_master": "read", "get_master_versions": "read", "get_artist": "read",
        "get_artist_releases": "read", "get_label": "read", "get_label_releases": "read", "get_release_rating": "read", "compare_pressings": "read",
        "get_collection_value": "read", "list_folders": "read", "create_folder": "write", "rename_folder": "write", "delete_folder": "write",
        "add_to_collection": "write", "remove_from_collection": "write", "move_release": "write", "rate_release": "write",
        "list_custom_fields": "read", "edit_custom_field": "write", "add_to_wantlist": "write", "remove_from_wantlist": "write",
        "get_marketplace_stats": "read", "get_price_suggestions": "marketplace", "get_inventory": "marketplace", "get_listing": "marketplace",
        "create_listing": "marketplace", "update_listing": "marketplace", "delete_listing": "marketplace", "list_orders": "marketplace",
        "get_order": "marketplace", "update_order": "marketplace", "get_order_messages": "marketplace", "send_order_message": "marketplace",
        "get_user_profile": "read", "get_user_lists": "read", "get_list": "read", "fetch_image": "read",
    ]
    static let writes: Set = [
        "create_folder", "rename_folder", "delete_folder", "add_to_collection", "remove_from_collection", "move_release", "rate_release",
        "edit_custom_field", "add_to_wantlist", "remove_from_wantlist", "create_listing", "update_listing", "delete_listing", "update_order",
        "send_order_message",
    ]
    static let destructive: Set = ["delete_folder", "remove_from_collection", "delete_listing", "remove_from_wantlist"]

    @Test("every tool is present once, with its scope, annotations and a closed input schema")
    func definitions() async throws {
        try await SandboxHarness.with(SampleAccount.Options(collectionSize: 5, wantlistSize: 1)) { harness in
            let tools = DiscogsTools.all(environment: harness.environment)
            let names = tools.map(\.definition.name)
            #expect(Set(names).count == names.count, "duplicate tool names")
            #expect(Set(names) == Set(Self.expectedScopes.keys))
            for tool in tools {
                let definition = tool.definition
                #expect(definition.requiredScope == Self.expectedScopes[definition.name], "\(definition.name) scope")
                #expect(!definition.title.isEmpty && definition.description.count >= 40, "\(definition.name) needs a title and a real description")
                #expect(definition.inputSchema["additionalProperties"] == .bool(false), "\(definition.name) input schema must be closed")
                #expect(definition.annotations.openWorldHint, "\(definition.name) reaches Discogs")
                #expect(definition.requiredClientCapabilities.isEmpty)
                #expect(definition.outputSchema?["type"] == "object", "\(definition.name) returns data described by an object schema")
                let isDestructive = Self.destructive.contains(definition.name)
                #expect(definition.annotations.destructiveHint == isDestructive, "\(definition.name) destructiveHint")
                if isDestructive { #expect(definition.description.contains("cannot be undone"), "\(definition.name) must say what cannot be undone") }
                #expect(definition.annotations.readOnlyHint == !Self.writes.contains(definition.name), "\(definition.name) readOnlyHint")
            }
        }
    }
}
