import Discogs
import DiscogsSandbox
import Foundation
import MCP
import Testing
import Tools

@Suite("Discogs resources")
struct DiscogsResourcesTests {
    static func dispatcher(_ harness: SandboxHarness, summaries: (any LibrarySummaries)? = nil) -> Dispatcher {
        Dispatcher(
            identity: ServerIdentity(name: "discogs-mcp", title: "Discogs", version: "0.0.0", instructions: "test"),
            registry: ToolRegistry([]),
            resources: DiscogsResources.registry(environment: harness.environment, summaries: summaries),
            prompts: DiscogsPrompts.registry()
        )
    }

    static func read(
        _ uri: String,
        _ dispatcher: Dispatcher,
        caller: Caller = SandboxHarness.caller,
        era: Era = .handshake(.v2025_11_25)
    ) async -> JSONValue {
        var params: [String: JSONValue] = ["uri": .string(uri)]
        if era == .modern {
            params["_meta"] = ["io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": [:]]
        }
        let outcome = await dispatcher.handle(
            JSONRPCRequest(id: .int(1), method: "resources/read", params: params),
            context: MessageContext(caller: caller, transport: .stdio, era: era)
        )
        guard let bytes = outcome.message?.encodedBytes, let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else {
            return .null
        }
        return value
    }

    /// The JSON inside the first text content of a read result.
    static func body(_ response: JSONValue) throws -> JSONValue {
        let text = try #require(response["result"]?["contents"]?.arrayValue?.first?["text"]?.stringValue)
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test("discogs://release/{id} is the fake's release, in Discogs' snake_case JSON")
    func release() async throws {
        try await SandboxHarness.with { harness in
            let data = await harness.state.data
            let instance = try #require(data.instances["sandbox_collector"]?.first)
            let expected = try #require(data.releases[instance.releaseID])
            let dispatcher = Self.dispatcher(harness)
            let response = await Self.read("discogs://release/\(expected.id)", dispatcher)
            #expect(response["result"]?["contents"]?.arrayValue?.first?["mimeType"] == "application/json")
            #expect(response["result"]?["contents"]?.arrayValue?.first?["uri"] == .string("discogs://release/\(expected.id)"))
            let release = try Self.body(response)
            #expect(release["id"]?.intValue == Int64(expected.id))
            #expect(release["title"] == .string(expected.title))
            #expect(release["year"]?.intValue == Int64(expected.year))
            #expect(release["genres"] == .array(expected.genres.map { .string($0) }))
            #expect(release["artists"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == expected.artists.map(\.name))
            #expect(release["tracklist"]?.arrayValue?.count == expected.tracklist.count)
            if expected.masterID != nil { #expect(release["master_id"]?.intValue == expected.masterID.map { Int64($0) }) }
        }
    }

    @Test("an unknown or malformed release id is resource-not-found (-32002, -32602 in 2026)")
    func releaseNotFound() async throws {
        try await SandboxHarness.with { harness in
            let data = await harness.state.data
            let missing = (data.releases.keys.max() ?? 0) + 1_000
            let dispatcher = Self.dispatcher(harness)
            for uri in ["discogs://release/\(missing)", "discogs://release/abc", "discogs://release/0", "discogs://release/1/2"] {
                let error = await Self.read(uri, dispatcher)["error"]
                #expect(error?["code"] == -32002, "\(uri)")
                #expect(error?["data"] == ["uri": .string(uri)])
            }
            #expect(await Self.read("discogs://release/\(missing)", dispatcher, era: .modern)["error"]?["code"] == -32602)
        }
    }

    @Test("discogs://collection counts what the fake holds, per folder")
    func collection() async throws {
        try await SandboxHarness.with { harness in
            let data = await harness.state.data
            let truth = data.allFolders(of: "sandbox_collector")
            let dispatcher = Self.dispatcher(harness)
            let response = await Self.read("discogs://collection", dispatcher, era: .modern)
            #expect(response["result"]?["cacheScope"] == "private")
            let summary = try Self.body(response)
            #expect(summary["username"] == "sandbox_collector")
            #expect(summary["totalItems"]?.intValue == Int64(data.instances["sandbox_collector"]?.count ?? -1))
            #expect(summary["totalItems"]?.intValue == 120)
            let folders = try #require(summary["folders"]?.arrayValue)
            #expect(folders.compactMap { $0["count"]?.intValue } == truth.map { Int64($0.count) })
            #expect(folders.compactMap { $0["name"]?.stringValue } == truth.map(\.folder.name))
            #expect(summary["value"]?["median"]?.stringValue != nil)
        }
    }

    @Test("discogs://wantlist totals the fake's wants and samples the first page")
    func wantlist() async throws {
        try await SandboxHarness.with { harness in
            let wants = await harness.state.data.wants["sandbox_collector"] ?? []
            let summary = try Self.body(await Self.read("discogs://wantlist", Self.dispatcher(harness)))
            #expect(summary["totalItems"]?.intValue == Int64(wants.count))
            #expect(wants.count == 12)
            let sample = try #require(summary["firstItems"]?.arrayValue)
            #expect(sample.count == 10)
            let wanted = Set(wants.map { Int64($0.releaseID) })
            #expect(sample.allSatisfy { wanted.contains($0["releaseId"]?.intValue ?? -1) })
        }
    }

    @Test("without the read scope nothing is listed or readable; without an account reads say to sign in")
    func access() async throws {
        try await SandboxHarness.with { harness in
            let dispatcher = Self.dispatcher(harness)
            let context = MessageContext(caller: .anonymous, transport: .stdio, era: .handshake(.v2025_11_25))
            let list = await dispatcher.handle(JSONRPCRequest(id: .int(1), method: "resources/list"), context: context)
            #expect(list.message.map { String(decoding: $0.encodedBytes, as: UTF8.self) } == #"{"jsonrpc":"2.0","id":1,"result":{"resources":[]}}"#)
            #expect(await Self.read("discogs://collection", dispatcher, caller: .anonymous)["error"]?["data"] == ["requiredScope": "read"])
            let stranger = Caller(principalID: "user:nobody", kind: "oauth", scopes: ["read"])
            let error = await Self.read("discogs://collection", dispatcher, caller: stranger)["error"]
            #expect(error?["code"] == -32603)
            #expect(error?["message"]?.stringValue?.contains("sign in with Discogs") == true)
            // A public release still reads for a caller with the scope but no account (application credential).
            let releaseID = try #require(await harness.state.data.releases.keys.first)
            #expect(await Self.read("discogs://release/\(releaseID)", dispatcher, caller: stranger)["result"] != nil)
        }
    }

    @Test("a LibrarySummaries implementation replaces the API-backed one")
    func customSummaries() async throws {
        struct Stub: LibrarySummaries {
            func collectionSummary(for account: DiscogsAccount) async throws -> JSONValue {
                ["username": .string(account.username), "totalItems": 7, "source": "index"]
            }
            func wantlistSummary(for account: DiscogsAccount) async throws -> JSONValue {
                ["username": .string(account.username), "totalItems": 3, "source": "index"]
            }
        }
        try await SandboxHarness.with { harness in
            let dispatcher = Self.dispatcher(harness, summaries: Stub())
            let collection = try Self.body(await Self.read("discogs://collection", dispatcher))
            let wantlist = try Self.body(await Self.read("discogs://wantlist", dispatcher))
            #expect(collection == ["username": "sandbox_collector", "totalItems": 7, "source": "index"])
            #expect(wantlist["totalItems"] == 3)
        }
    }
}
