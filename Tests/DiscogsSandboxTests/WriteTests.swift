import DiscogsSandbox
import Foundation
import Testing

/// Writes change the fake's state and show on the next read (Discogs API documentation, "User Collection", "User Wantlist", "Marketplace").
@Suite struct WriteTests {
    @Test func collectionFoldersInstancesRatingsAndFields() async throws {
        try await FakeHarness.with { fake in
            let u = fake.user
            let token = [("Authorization", "Discogs token=\(SampleAccount.personalToken)")]
            let created = try await fake.send("POST", "/users/\(u)/collection/folders", headers: token, body: #"{"name":"Test Crate"}"#)
            #expect(created.status == 201)
            let folderID = try #require(created.json["id"] as? Int)
            let releaseID = try #require(await fake.state.data.wants[u]?.first?.releaseID)
            let added = try await fake.send("POST", "/users/\(u)/collection/folders/\(folderID)/releases/\(releaseID)", headers: token)
            #expect(added.status == 201)
            let instanceID = try #require(added.json["instance_id"] as? Int)
            let second = try await fake.send("POST", "/users/\(u)/collection/folders/1/releases/\(releaseID)", headers: token)
            #expect(second.json["instance_id"] as? Int != instanceID)
            #expect(try await fake.send("POST", "/users/\(u)/collection/folders/0/releases/\(releaseID)", headers: token).status == 400)

            // Rate with a JSON body, move with a query string: both forms are accepted.
            let base = "/users/\(u)/collection/folders/\(folderID)/releases/\(releaseID)/instances/\(instanceID)"
            #expect(try await fake.send("POST", base, headers: token, body: #"{"rating":4}"#).status == 204)
            #expect(try await fake.send("POST", base + "?folder_id=1", headers: token).status == 204)
            let copies = try await fake.get("/users/\(u)/collection/releases/\(releaseID)")
            let moved = (copies.json["releases"] as? [[String: Any]])?.first { $0["instance_id"] as? Int == instanceID }
            #expect(moved?["rating"] as? Int == 4)
            #expect(moved?["folder_id"] as? Int == 1)
            #expect(try await fake.send("POST", base, headers: token, body: #"{"rating":2}"#).status == 404)

            let fieldPath = "/users/\(u)/collection/folders/1/releases/\(releaseID)/instances/\(instanceID)/fields/3"
            #expect(try await fake.send("POST", fieldPath + "?value=Bought%20today", headers: token).status == 204)
            #expect(
                try await fake.send(
                    "POST",
                    "/users/\(u)/collection/folders/1/releases/\(releaseID)/instances/\(instanceID)/fields/1",
                    headers: token,
                    body: #"{"value":"Shiny"}"#
                ).status == 422
            )
            let withNote = try await fake.get("/users/\(u)/collection/releases/\(releaseID)")
            let notes =
                (withNote.json["releases"] as? [[String: Any]])?.first { $0["instance_id"] as? Int == instanceID }?["notes"] as? [[String: Any]]
            #expect(notes?.first?["value"] as? String == "Bought today")

            #expect(try await fake.send("DELETE", "/users/\(u)/collection/folders/\(folderID)", headers: token).status == 204)
            #expect(try await fake.send("DELETE", "/users/\(u)/collection/folders/1", headers: token).status == 400)
            #expect(
                try await fake.send("DELETE", "/users/\(u)/collection/folders/1/releases/\(releaseID)/instances/\(instanceID)", headers: token).status
                    == 204
            )
            #expect(
                try await fake.send("DELETE", "/users/\(u)/collection/folders/1/releases/\(releaseID)/instances/\(instanceID)", headers: token).status
                    == 404
            )
            // Someone else cannot write here.
            #expect(
                try await fake.send(
                    "POST",
                    "/users/\(u)/collection/folders",
                    headers: [("Authorization", "Discogs token=\(SampleAccount.otherPersonalToken)")],
                    body: #"{"name":"x"}"#
                ).status == 403
            )
        }
    }

    @Test func wantlistPutIsIdempotentAndDeleteAlwaysSucceeds() async throws {
        try await FakeHarness.with { fake in
            let u = fake.user
            let token = [("Authorization", "Discogs token=\(SampleAccount.personalToken)")]
            let before = await fake.state.data.wants[u]?.count ?? 0
            let releaseID = try #require(await fake.state.data.instances[u]?.first?.releaseID)
            for _ in 0..<2 {
                let put = try await fake.send("PUT", "/users/\(u)/wants/\(releaseID)", headers: token, body: #"{"notes":"again","rating":3}"#)
                #expect(put.status == 201)
                #expect(put.json["id"] as? Int == releaseID)
            }
            let wants = try await fake.get("/users/\(u)/wants?per_page=100")
            #expect((wants.json["pagination"] as? [String: Any])?["items"] as? Int == before + 1)
            #expect(try await fake.send("PUT", "/users/\(u)/wants/1", headers: token).status == 404)
            #expect(try await fake.send("DELETE", "/users/\(u)/wants/\(releaseID)", headers: token).status == 204)
            #expect(try await fake.send("DELETE", "/users/\(u)/wants/\(releaseID)", headers: token).status == 204)
            #expect(await fake.state.data.wants[u]?.count == before)
        }
    }

    @Test func valueRatingsProfileAndMarketplace() async throws {
        try await FakeHarness.with { fake in
            let u = fake.user
            let token = [("Authorization", "Discogs token=\(SampleAccount.personalToken)")]
            let value = try await fake.get("/users/\(u)/collection/value")
            #expect((value.json["median"] as? String)?.hasPrefix("$") == true)
            #expect(try await fake.get("/users/\(u)/collection/value", token: SampleAccount.otherPersonalToken).status == 403)
            #expect(try await fake.send("POST", "/users/\(u)", headers: token, body: #"{"curr_abbr":"GBP"}"#).status == 200)
            #expect((try await fake.get("/users/\(u)/collection/value").json["median"] as? String)?.hasPrefix("£") == true)

            let releaseID = try #require(await fake.state.data.instances[u]?.first?.releaseID)
            #expect(
                try await fake.send("PUT", "/releases/\(releaseID)/rating/\(u)", headers: token, body: #"{"rating":5}"#).json["rating"] as? Int == 5
            )
            #expect(try await fake.get("/releases/\(releaseID)/rating/\(u)", token: nil).json["rating"] as? Int == 5)

            let created = try await fake.send(
                "POST",
                "/marketplace/listings",
                headers: token,
                body: #"{"release_id":\#(releaseID),"condition":"Mint (M)","price":25.5,"status":"For Sale"}"#
            )
            #expect(created.status == 201)
            let listingID = try #require(created.json["listing_id"] as? Int)
            #expect(try await fake.send("POST", "/marketplace/listings/\(listingID)", headers: token, body: #"{"price":30}"#).status == 204)
            let listing = try await fake.get("/marketplace/listings/\(listingID)")
            #expect((listing.json["price"] as? [String: Any])?["value"] as? Double == 30)
            #expect(try await fake.send("DELETE", "/marketplace/listings/\(listingID)", headers: token).status == 204)
            #expect(try await fake.get("/marketplace/listings/\(listingID)").status == 404)

            let orders = try await fake.get("/marketplace/orders")
            let orderID = try #require((orders.json["orders"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(orderID.contains("-"))
            #expect(
                try await fake.send("POST", "/marketplace/orders/\(orderID)", headers: token, body: #"{"status":"Shipped","shipping":3}"#).status
                    == 422
            )
            #expect(
                try await fake.send("POST", "/marketplace/orders/\(orderID)", headers: token, body: #"{"status":"Shipped"}"#).json["status"]
                    as? String == "Shipped"
            )
            #expect(
                try await fake.send("POST", "/marketplace/orders/\(orderID)/messages", headers: token, body: #"{"message":"Posted today"}"#).status
                    == 201
            )
            let messages = try await fake.get("/marketplace/orders/\(orderID)/messages")
            #expect(((messages.json["messages"] as? [[String: Any]])?.first?["message"] as? String) == "Posted today")
            let suggestions = try await fake.get("/marketplace/price_suggestions/\(releaseID)")
            #expect(suggestions.json["Mint (M)"] != nil)
        }
    }
}
