import DiscogsSandbox
import MCP
import Testing
import Tools

@Suite("Marketplace tools")
struct MarketplaceToolsTests {
    static let small = SampleAccount.Options(collectionSize: 30, wantlistSize: 5)
    static let me = "sandbox_collector"

    @Test("stats and price suggestions follow the catalog")
    func prices() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let listing = try #require(data.inventory(of: Self.me).first)
            let release = try #require(data.releases[listing.releaseID])
            let listed = data.listings.values.filter { $0.releaseID == release.id && $0.status == "For Sale" }.count
            let stats = try await harness.call("get_marketplace_stats", ["release_id": .int(Int64(release.id))])
            #expect(stats.structured["num_for_sale"]?.int == release.numForSale + listed)

            let suggestions = try await harness.call("get_price_suggestions", ["release_id": .int(Int64(release.id))])
            let rows = suggestions.structured["suggestions"]?.array ?? []
            #expect(rows.compactMap { $0["condition"]?.stringValue } == FakeCondition.media)
            let mint = try #require(rows.first?["price"]?["value"])
            #expect(abs((mint.doubleOrInt ?? 0) - release.medianPriceUSD * 1.6) < 0.02)
        }
    }

    @Test("inventory and listings: read, create, update, delete")
    func listings() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let all = try await harness.call("get_inventory", ["status": "All", "per_page": 100])
            #expect(all.structured["pagination"]?["items"]?.int == data.inventory(of: Self.me, status: "All").count)
            let drafts = try await harness.call("get_inventory", ["status": "Draft"])
            #expect(
                Set(drafts.structured["listings"]?.array.compactMap { $0["id"]?.int } ?? [])
                    == Set(data.inventory(of: Self.me, status: "Draft").map(\.id))
            )
            #expect(drafts.structured["listings"]?.array.allSatisfy { $0["status"]?.stringValue == "Draft" } == true)

            let existing = try #require(data.inventory(of: Self.me).first)
            let got = try await harness.call("get_listing", ["listing_id": .int(Int64(existing.id))])
            #expect(got.structured["condition"]?.stringValue == existing.condition)

            let release = try #require(data.releases.keys.sorted().first)
            let created = try await harness.call(
                "create_listing",
                [
                    "release_id": .int(Int64(release)), "condition": "Very Good Plus (VG+)", "sleeve_condition": "Generic", "price": 12.5,
                    "comments": "Tested",
                ]
            )
            let listingID = try #require(created.structured["listing_id"]?.int, "\(created.text)")
            let stored = try #require(await harness.state.data.listings[listingID])
            #expect(stored.condition == "Very Good Plus (VG+)" && stored.price == 12.5 && stored.status == "For Sale")

            let updated = try await harness.call("update_listing", ["listing_id": .int(Int64(listingID)), "price": 15, "status": "Draft"])
            #expect(!updated.isError, "\(updated.text)")
            let changed = try #require(await harness.state.data.listings[listingID])
            #expect(changed.price == 15 && changed.status == "Draft" && changed.condition == "Very Good Plus (VG+)" && changed.comments == "Tested")
            #expect(updated.structured["status"]?.stringValue == "Draft")

            let priceOnly = try await harness.call("update_listing", ["listing_id": .int(Int64(listingID)), "price": 16.25])
            #expect(!priceOnly.isError, "\(priceOnly.text)")
            let repriced = try #require(await harness.state.data.listings[listingID])
            #expect(repriced.price == 16.25 && repriced.status == "Draft" && repriced.sleeveCondition == "Generic", "unchanged fields are kept")

            let nothing = try await harness.call("update_listing", ["listing_id": .int(Int64(listingID))])
            #expect(nothing.isError)

            let deleted = try await harness.call("delete_listing", ["listing_id": .int(Int64(listingID))])
            #expect(!deleted.isError, "\(deleted.text)")
            #expect(await harness.state.data.listings[listingID] == nil)

            let foreign = try #require(data.inventory(of: SampleAccount.otherUsername).first)
            let refused = try await harness.call("delete_listing", ["listing_id": .int(Int64(foreign.id))])
            #expect(refused.isError && refused.text.contains("refused access"), "403 is explained: \(refused.text)")
        }
    }

    @Test("orders and messages: list, read, update, message")
    func orders() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let order = try #require(data.orders.values.first { $0.seller == Self.me })
            let listed = try await harness.call("list_orders")
            #expect(listed.structured["pagination"]?["items"]?.int == data.orders.values.filter { $0.seller == Self.me }.count)
            let got = try await harness.call("get_order", ["order_id": .string(order.id)])
            #expect(got.structured["items"]?.array.count == order.listingIDs.count)
            #expect(got.structured["buyer"]?.stringValue == order.buyer)

            let shipped = try await harness.call("update_order", ["order_id": .string(order.id), "status": "Shipped"])
            #expect(!shipped.isError, "\(shipped.text)")
            #expect(await harness.state.data.orders[order.id]?.status == "Shipped")
            let both = try await harness.call("update_order", ["order_id": .string(order.id), "status": "Shipped", "shipping": 3])
            #expect(both.isError && both.text.contains("not both"))

            let messages = try await harness.call("get_order_messages", ["order_id": .string(order.id)])
            #expect(messages.structured["messages"]?.array.count == data.messages[order.id]?.count)
            let sent = try await harness.call("send_order_message", ["order_id": .string(order.id), "message": "On its way!"])
            #expect(!sent.isError, "\(sent.text)")
            #expect(await harness.state.data.messages[order.id]?.last?.message == "On its way!")
        }
    }
}

extension JSONValue {
    var doubleOrInt: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }
}
