import Foundation
import MCP

/// A named part of the catalogue that an operator can serve or leave out (`DISCOGS_MCP_TOOLSETS`).
///
/// Every tool's name, description and input schema sit in the model's context on every conversation,
/// so a person who never sells records should not pay for the twelve marketplace tools. Scopes still
/// filter inside the served toolsets; `server` is always served, since `auth_status` is how a person
/// signs in and `server_info` how a connection is diagnosed.
public enum Toolset: String, CaseIterable, Sendable, Hashable, Comparable {
    case server
    case database
    case collection
    case collectionWrites = "collection_writes"
    case wantlist
    case marketplace
    case people
    case images

    /// What each toolset holds, by tool name: the one place that assigns a tool to a toolset.
    static let members: [Toolset: [String]] = [
        .server: ["ping", "server_info", "auth_status"],
        .database: [
            "search_database", "get_release", "get_master", "get_master_versions", "get_artist", "get_artist_releases", "get_label",
            "get_label_releases", "get_release_rating", "compare_pressings", "rank_pressings",
        ],
        .collection: [
            "search_collection", "get_collection_stats", "get_recommendations", "refresh_collection", "get_collection_value", "list_folders",
            "list_custom_fields", "find_collection_gaps", "get_recent_activity", "compare_collections",
        ],
        .collectionWrites: [
            "create_folder", "rename_folder", "delete_folder", "add_to_collection", "remove_from_collection", "move_release", "rate_release",
            "edit_custom_field",
        ],
        .wantlist: ["get_wantlist", "add_to_wantlist", "remove_from_wantlist"],
        .marketplace: [
            "get_marketplace_stats", "get_price_suggestions", "get_inventory", "get_listing", "create_listing", "update_listing",
            "delete_listing", "list_orders", "get_order", "update_order", "get_order_messages", "send_order_message",
        ],
        .people: ["get_user_profile", "get_user_lists", "get_list"],
        .images: ["fetch_image"],
    ]

    /// Resources and prompts go with the toolset whose tools they lean on, by name.
    static let resourceMembers: [String: Toolset] = ["collection": .collection, "wantlist": .wantlist, "release": .database]
    static let promptMembers: [String: Toolset] = [
        "browse_collection": .collection, "collection_insights": .collection, "find_music": .database, "affordable_wants": .wantlist,
        "play_tonight": .collection, "most_valuable": .collection, "tidy_folders": .collectionWrites, "artist_gaps": .collection,
        "recent_changes": .collection, "compare_with_friend": .collection,
    ]

    private static let byTool: [String: Toolset] = {
        var result: [String: Toolset] = [:]
        for (toolset, names) in members { for name in names { result[name] = toolset } }
        return result
    }()

    /// The toolset a tool belongs to; nil for a tool no toolset lists (always served, and a test forbids it).
    public static func of(tool name: String) -> Toolset? { byTool[name] }

    public static func < (lhs: Toolset, rhs: Toolset) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// Parses the setting: `all`, or a comma-separated list of names. `server` is always added.
    ///
    /// - Returns: the toolsets, or the names that are not toolsets (so start-up can name them).
    public static func parse(_ text: String) -> Result<Set<Toolset>, UnknownToolsets> {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        if names.isEmpty || names == ["all"] { return .success(Set(allCases)) }
        var chosen: Set<Toolset> = [.server]
        var unknown: [String] = []
        for name in names {
            if let toolset = Toolset(rawValue: name) { chosen.insert(toolset) } else { unknown.append(name) }
        }
        return unknown.isEmpty ? .success(chosen) : .failure(UnknownToolsets(names: unknown))
    }

    /// The tools of the chosen toolsets.
    public static func filter(_ tools: [any Tool], serving toolsets: Set<Toolset>) -> [any Tool] {
        tools.filter { tool in Self.of(tool: tool.definition.name).map(toolsets.contains) ?? true }
    }

    public static func filter(_ resources: [Resource], serving toolsets: Set<Toolset>) -> [Resource] {
        resources.filter { resourceMembers[$0.name].map(toolsets.contains) ?? true }
    }

    public static func filter(_ templates: [ResourceTemplate], serving toolsets: Set<Toolset>) -> [ResourceTemplate] {
        templates.filter { resourceMembers[$0.name].map(toolsets.contains) ?? true }
    }

    public static func filter(_ prompts: [Prompt], serving toolsets: Set<Toolset>) -> [Prompt] {
        prompts.filter { promptMembers[$0.name].map(toolsets.contains) ?? true }
    }
}

/// Names given for `DISCOGS_MCP_TOOLSETS` that are not toolsets.
public struct UnknownToolsets: Error, Sendable, CustomStringConvertible {
    public let names: [String]
    public var description: String {
        "unknown toolset\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")); choose from all, "
            + Toolset.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
