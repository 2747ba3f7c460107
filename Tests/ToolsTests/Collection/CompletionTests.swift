import Discogs
import DiscogsSandbox
import MCP
import Storage
import Testing
import Tools

/// `completion/complete` answers come only from the caller's own index, prefix-matched.
@Suite("Argument completion")
struct CompletionTests {
    static func withIndexed(_ body: (SandboxHarness, IndexCompleter) async throws -> Void) async throws {
        try await CollectionToolsTests.with(collection: 60, wantlist: 5) { harness, index, tools in
            _ = try await CollectionToolsTests.call(tools, "search_collection", ["per_page": 1])  // builds the index
            try await body(harness, IndexCompleter(accounts: harness.environment.accounts, index: index))
        }
    }

    static func request(_ reference: CompletionRequest.Reference, _ argument: String, _ value: String) -> CompletionRequest {
        CompletionRequest(reference: reference, argument: argument, value: value)
    }

    @Test("a prompt's focus completes to the collection's own artists, labels, genres and styles, prefix-matched, most frequent first")
    func facets() async throws {
        try await Self.withIndexed { harness, completer in
            let data = await harness.state.data
            let releases = data.copies(of: CollectionToolsTests.username, inFolder: 0).compactMap { data.releases[$0.releaseID] }
            let genre = try #require(releases.first?.genres.first)
            let prefix = String(genre.prefix(2)).lowercased()
            let completion = try await completer.complete(
                Self.request(.prompt("browse_collection"), "focus", prefix),
                context: SandboxHarness.context()
            )
            #expect(completion.values.contains(genre))
            #expect(!completion.values.isEmpty && completion.values.allSatisfy { $0.lowercased().hasPrefix(prefix) })
            var owned = Set<String>()
            for release in releases {
                owned.formUnion(release.genres)
                owned.formUnion(release.styles)
                owned.formUnion(release.labels.map(\.name))
                owned.formUnion(release.artists.map(\.name))
                owned.formUnion(release.formats.map(\.name))
            }
            #expect(completion.values.allSatisfy(owned.contains), "only values from the index")
            #expect(completion.total == completion.values.count || (completion.total ?? 0) > 100)
            let nothing = try await completer.complete(
                Self.request(.prompt("browse_collection"), "focus", "zzzzqx"),
                context: SandboxHarness.context()
            )
            #expect(nothing.values.isEmpty && nothing.total == 0)
        }
    }

    @Test("the release template completes to release ids in the collection or wantlist starting with the digits typed")
    func releaseIDs() async throws {
        try await Self.withIndexed { harness, completer in
            let data = await harness.state.data
            let ids = Set(data.copies(of: CollectionToolsTests.username, inFolder: 0).map(\.releaseID))
            let first = try #require(ids.min())
            let prefix = String(String(first).prefix(2))
            let completion = try await completer.complete(
                Self.request(.resourceTemplate(DiscogsResources.releaseTemplate), "id", prefix),
                context: SandboxHarness.context()
            )
            #expect(completion.values.contains(String(first)))
            #expect(completion.values.allSatisfy { $0.hasPrefix(prefix) })
            let garbage = try await completer.complete(
                Self.request(.resourceTemplate(DiscogsResources.releaseTemplate), "id", "1' OR '1'='1"),
                context: SandboxHarness.context()
            )
            #expect(garbage.values.isEmpty)
        }
    }

    @Test("fixed choices, and a caller without an account gets nothing rather than an error")
    func choicesAndAnonymous() async throws {
        try await Self.withIndexed { _, completer in
            let yes = try await completer.complete(Self.request(.prompt("find_music"), "owned_only", "y"), context: SandboxHarness.context())
            #expect(yes.values == ["yes"])
            let stranger = SandboxHarness.context(Caller(principalID: "nobody", kind: "oauth", scopes: ["read"]))
            let none = try await completer.complete(Self.request(.prompt("browse_collection"), "focus", "a"), context: stranger)
            #expect(none.values.isEmpty)
        }
    }
}
