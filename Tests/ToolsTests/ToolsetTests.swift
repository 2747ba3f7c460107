import Discogs
import DiscogsSandbox
import Foundation
import MCP
import Storage
import Testing
import Tools

@Suite("Toolsets")
struct ToolsetTests {
    @Test("every tool of the catalogue belongs to exactly one toolset, and every listed name is a real tool")
    func everyToolHasOneToolset() async throws {
        try await SandboxHarness.with(SampleAccount.Options(collectionSize: 2, wantlistSize: 1)) { harness in
            let index = CollectionIndex(api: harness.client, store: SQLiteCollectionIndexStore(database: harness.database))
            let facts = ServerInfoTool.Facts(name: "t", version: "0", transports: [.stdio], discogsMode: "sandbox", startedAt: .now)
            let tools: [any Tool] =
                [PingTool(), ServerInfoTool(facts: facts), AuthStatusTool(signInHint: "")]
                + DiscogsTools.all(environment: harness.environment) + CollectionTools.all(environment: harness.environment, index: index)
            let names = tools.map(\.definition.name)
            for name in names { #expect(Toolset.of(tool: name) != nil, "\(name) is in no toolset") }
            let counted = Toolset.allCases.reduce(0) { total, toolset in total + Toolset.filter(tools, serving: [toolset]).count }
            #expect(counted == names.count, "a tool is listed in two toolsets")
            #expect(Toolset.filter(tools, serving: Set(Toolset.allCases)).count == names.count)
            let served = Toolset.filter(tools, serving: [.server, .wantlist]).map(\.definition.name)
            #expect(Set(served) == ["ping", "server_info", "auth_status", "get_wantlist", "add_to_wantlist", "remove_from_wantlist"])
        }
    }

    @Test("the setting: all, a list (server always added), or the unknown names")
    func parse() throws {
        #expect(try Toolset.parse("all").get() == Set(Toolset.allCases))
        #expect(try Toolset.parse("").get() == Set(Toolset.allCases))
        #expect(try Toolset.parse(" collection , Wantlist").get() == [.server, .collection, .wantlist])
        #expect(try Toolset.parse("collection_writes").get() == [.server, .collectionWrites])
        guard case .failure(let unknown) = Toolset.parse("collection,records,marketplac") else {
            Issue.record("unknown names must be refused")
            return
        }
        #expect(unknown.names == ["records", "marketplac"])
        #expect(unknown.description.contains("marketplace"))
    }

    @Test("resources and prompts follow the toolset they use")
    func resourcesAndPrompts() {
        let prompts = Toolset.filter(DiscogsPrompts.all(), serving: [.server, .database]).map(\.name)
        #expect(prompts == ["find_music"])
        #expect(Toolset.filter(DiscogsPrompts.all(), serving: Set(Toolset.allCases)).count == DiscogsPrompts.all().count)
    }
}
