import Discogs
import DiscogsSandbox
import MCP
import Testing
import Tools

@Suite("Tool errors")
struct ToolErrorTests {
    static let small = SampleAccount.Options(collectionSize: 10, wantlistSize: 2)

    @Test("an unknown id is a not-found result that explains the id namespaces")
    func notFound() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            for (tool, argument) in [
                ("get_release", "release_id"), ("get_master", "master_id"), ("get_artist", "artist_id"), ("get_label", "label_id"),
            ] {
                let result = try await harness.call(tool, [argument: 999_999_999])
                #expect(result.isError, "\(tool)")
                #expect(result.text.contains("not found") || result.text.contains("found nothing"), "\(tool): \(result.text)")
                #expect(result.text.contains("Check the id"), "\(tool): \(result.text)")
            }
        }
    }

    @Test("owner-only data is refused as private")
    func forbidden() async throws {
        // The sample order needs at least 18 copies (its sold listing is the 18th).
        try await SandboxHarness.with(SampleAccount.Options(collectionSize: 20, wantlistSize: 2)) { harness in
            let orderID = try #require(await harness.state.data.orders.keys.first)
            var environment = harness.environment
            environment.accounts = FixedAccountResolver([
                "user:other": DiscogsAccount(username: SampleAccount.otherUsername, credential: .personalToken(SampleAccount.otherPersonalToken))
            ])
            let buyer = Caller(
                principalID: "user:other",
                kind: "oauth",
                displayName: SampleAccount.otherUsername,
                scopes: ["read", "write", "marketplace"]
            )
            let result = try await harness.call(
                "update_order",
                ["order_id": .string(orderID), "status": "Shipped"],
                caller: buyer,
                environment: environment
            )
            #expect(result.isError)
            #expect(result.text.contains("refused access") && result.text.contains("private"), "\(result.text)")
            #expect(await harness.state.data.orders[orderID]?.status != "Shipped")
        }
    }

    @Test("Discogs' validation message reaches the model")
    func validation() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let release = try #require(await harness.state.data.releases.keys.sorted().first)
            let result = try await harness.call("add_to_collection", ["release_id": .int(Int64(release)), "folder_id": 424_242])
            #expect(result.isError)
            #expect(result.text.contains("rejected") && result.text.contains("Invalid folder_id"), "\(result.text)")
        }
    }

    @Test("a 429 becomes a retry-later result")
    func rateLimited() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            await harness.state.injectFault(.rateLimited, count: 1, pathContains: "/releases/")
            let release = try #require(await harness.state.data.releases.keys.sorted().first)
            let result = try await harness.call("get_release", ["release_id": .int(Int64(release))])
            #expect(result.isError)
            #expect(result.text.contains("rate-limiting") && result.text.contains("retry"), "\(result.text)")
        }
    }

    @Test("a 5xx becomes a Discogs-unavailable result")
    func serverError() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            await harness.state.injectFault(.serverError(status: 503), count: 20, pathContains: "/masters/")
            let master = try #require(await harness.state.data.masters.keys.sorted().first)
            let result = try await harness.call("get_master", ["master_id": .int(Int64(master))])
            #expect(result.isError)
            #expect(result.text.contains("unavailable") && result.text.contains("503"), "\(result.text)")
        }
    }

    @Test("get_release still answers when only the ownership lookup fails, and says so")
    func partialRelease() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            await harness.state.injectFault(.serverError(status: 502), count: 20, pathContains: "/collection/releases/")
            let release = try #require(await harness.state.data.releases.keys.sorted().first)
            let result = try await harness.call("get_release", ["release_id": .int(Int64(release))])
            #expect(!result.isError)
            #expect(result.structured["id"]?.int == release && result.structured["your_copies"] == nil)
            #expect(result.text.contains("Could not check your collection"))
        }
    }

    @Test("a revoked Discogs credential asks the user to sign in again")
    func revoked() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            var environment = harness.environment
            environment.accounts = FixedAccountResolver([
                SandboxHarness.caller.principalID: DiscogsAccount(username: "sandbox_collector", credential: .personalToken("revoked-token"))
            ])
            let result = try await harness.call("list_folders", environment: environment)
            #expect(result.isError)
            #expect(result.text.contains("Invalid consumer token") && result.text.contains("sign in with Discogs again"), "\(result.text)")
        }
    }

    @Test("price suggestions without seller settings say what to fill in")
    func sellerSettings() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            await harness.state.updateData { data in data.users["sandbox_collector"]?.hasSellerSettings = false }
            let release = try #require(await harness.state.data.releases.keys.sorted().first)
            let result = try await harness.call("get_price_suggestions", ["release_id": .int(Int64(release))])
            #expect(result.isError && result.text.contains("seller settings") && !result.text.contains("Check the id"), "\(result.text)")
        }
    }

    @Test("account tools ask an anonymous caller to sign in")
    func signIn() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            for tool in ["list_folders", "get_collection_value", "get_inventory", "list_orders"] {
                let result = try await harness.call(tool, caller: .anonymous)
                #expect(result.isError && result.text.contains("sign in"), "\(tool): \(result.text)")
            }
        }
    }
}
