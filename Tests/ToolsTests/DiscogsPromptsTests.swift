import Foundation
import MCP
import Testing
import Tools

@Suite("Discogs prompts")
struct DiscogsPromptsTests {
    let dispatcher = Dispatcher(
        identity: ServerIdentity(name: "discogs-mcp", title: "Discogs", version: "0.0.0", instructions: "test"),
        registry: ToolRegistry([]),
        prompts: DiscogsPrompts.registry()
    )
    let reader = Caller(principalID: "user:1", kind: "oauth", scopes: ["read"])

    func call(_ method: String, _ params: [String: JSONValue] = [:], caller: Caller? = nil) async -> JSONValue {
        let outcome = await dispatcher.handle(
            JSONRPCRequest(id: .int(1), method: method, params: params),
            context: MessageContext(caller: caller ?? reader, transport: .stdio, era: .handshake(.v2025_11_25))
        )
        guard let bytes = outcome.message?.encodedBytes, let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else {
            return .null
        }
        return value
    }

    func text(_ name: String, _ arguments: [String: JSONValue] = [:]) async throws -> String {
        let response = await call("prompts/get", ["name": .string(name), "arguments": .object(arguments)])
        let messages = try #require(response["result"]?["messages"]?.arrayValue, "\(response)")
        #expect(messages.allSatisfy { $0["role"] == "user" && $0["content"]?["type"] == "text" })
        return messages.compactMap { $0["content"]?["text"]?.stringValue }.joined(separator: "\n")
    }

    @Test("the ten prompts are listed for read, with their arguments, and hidden without it")
    func list() async throws {
        let prompts = try #require(await call("prompts/list")["result"]?["prompts"]?.arrayValue)
        #expect(
            prompts.compactMap { $0["name"]?.stringValue } == [
                "affordable_wants", "artist_gaps", "browse_collection", "collection_insights", "compare_with_friend", "find_music", "most_valuable",
                "play_tonight", "recent_changes", "tidy_folders",
            ]
        )
        let find = prompts.first { $0["name"] == "find_music" }?["arguments"]?.arrayValue ?? []
        #expect(find.compactMap { $0["name"]?.stringValue } == ["description", "owned_only"])
        #expect(find.compactMap { $0["required"]?.boolValue } == [true, false])
        #expect(await call("prompts/list", caller: .anonymous)["result"]?["prompts"] == [])
    }

    @Test("browse_collection steers to stats, search and release details, with the focus")
    func browse() async throws {
        let plain = try await text("browse_collection")
        for tool in ["get_collection_stats", "search_collection", "get_release"] { #expect(plain.contains(tool), "\(tool)") }
        let focused = try await text("browse_collection", ["focus": "1970s jazz"])
        #expect(focused.contains("\"1970s jazz\""))
        #expect(!plain.contains("\"\""))
    }

    @Test("find_music needs a description and searches Discogs unless owned_only")
    func find() async throws {
        let error = await call("prompts/get", ["name": "find_music", "arguments": ["owned_only": "true"]])["error"]
        #expect(error?["code"] == -32602)
        #expect(error?["data"] == ["missing": ["description"]])
        let wide = try await text("find_music", ["description": "late-night ambient"])
        #expect(wide.contains("late-night ambient"))
        for tool in ["search_collection", "search_database", "get_wantlist", "get_release"] { #expect(wide.contains(tool), "\(tool)") }
        let owned = try await text("find_music", ["description": "late-night ambient", "owned_only": "true"])
        #expect(owned.contains("search_collection"))
        #expect(!owned.contains("search_database"))
    }

    @Test("collection_insights uses stats, search, wantlist and recommendations")
    func insights() async throws {
        let text = try await text("collection_insights")
        for tool in ["get_collection_stats", "search_collection", "get_wantlist", "get_recommendations"] { #expect(text.contains(tool), "\(tool)") }
        #expect(await call("prompts/get", ["name": "collection_insights", "arguments": ["focus": "x"]])["error"]?["code"] == -32602)
    }

    @Test("each job prompt names the tools it relies on and carries its arguments into the text")
    func jobs() async throws {
        let cases: [(String, [String: JSONValue], [String])] = [
            ("affordable_wants", ["budget": "25"], ["get_wantlist", "get_marketplace_stats", "rank_pressings", "at most 25 per record"]),
            ("play_tonight", [:], ["get_recommendations", "get_recent_activity", "get_release", "an evening"]),
            ("most_valuable", ["count": "500"], ["get_collection_value", "get_price_suggestions", "Which 50 records"]),
            ("tidy_folders", [:], ["list_folders", "move_release", "by genre", "Change nothing until I say yes"]),
            ("artist_gaps", ["artist": "  Sun Ra "], ["find_collection_gaps", "artist \"Sun Ra\"", "purpose collector"]),
            ("recent_changes", ["days": "x"], ["get_recent_activity with days 30", "refresh_collection"]),
            ("compare_with_friend", ["username": "shelf_friend"], ["compare_collections", "username \"shelf_friend\""]),
        ]
        for (name, arguments, expected) in cases {
            let text = try await text(name, arguments)
            for part in expected { #expect(text.contains(part), "\(name): \(part)") }
        }
        let error = await call("prompts/get", ["name": "compare_with_friend", "arguments": [:]])["error"]
        #expect(error?["data"] == ["missing": ["username"]])
    }
}
