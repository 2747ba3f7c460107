import Discogs
import DiscogsSandbox
import Foundation
import MCP
import Testing
import Tools

@Suite("People, lists and images")
struct PeopleAndImageToolsTests {
    static let small = SampleAccount.Options(collectionSize: 20, wantlistSize: 3)
    static let me = "sandbox_collector"

    @Test("profile, lists and a list's items; private lists stay private")
    func people() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let data = await harness.state.data
            let profile = try await harness.call("get_user_profile")
            #expect(profile.structured["username"]?.stringValue == Self.me)
            #expect(profile.structured["location"]?.stringValue == data.user(Self.me)?.location)

            let lists = try await harness.call("get_user_lists")
            let mine = data.lists.values.filter { $0.owner == Self.me }.map(\.id).sorted()
            #expect(lists.structured["lists"]?.array.compactMap { $0["id"]?.int } == mine)

            let list = try #require(data.lists[900_001])
            let got = try await harness.call("get_list", ["list_id": 900_001])
            #expect(got.structured["item_count"]?.int == list.items.count)
            #expect(got.structured["items"]?.array.compactMap { $0["type"]?.stringValue } == list.items.map(\.type))

            let anonymous = try await harness.call("get_list", ["list_id": 900_002], caller: .anonymous)
            #expect(anonymous.isError && anonymous.text.contains("List not found"))
            let anonymousProfile = try await harness.call("get_user_profile", caller: .anonymous)
            #expect(anonymousProfile.isError && anonymousProfile.text.contains("username"))
        }
    }

    @Test("fetch_image returns the picture without sending credentials to the image host")
    func image() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let release = try #require(await harness.state.data.releases.keys.sorted().first)
            let result = try await harness.call("fetch_image", ["release_id": .int(Int64(release))])
            #expect(!result.isError, "\(result.text)")
            guard case .image(let base64, let mime)? = result.content.first else {
                Issue.record("expected image content, got \(result.content)")
                return
            }
            #expect(mime == "image/png")
            let bytes = try #require(Data(base64Encoded: base64))
            #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(result.structured["bytes"]?.int == bytes.count)

            let records = await harness.state.requests
            let imageRequests = records.filter { $0.path.hasPrefix("/images/") }
            #expect(imageRequests.count == 1)
            #expect(imageRequests.allSatisfy { !$0.sentAuthorization && !$0.sentQueryCredentials }, "no credential may reach the image host")
            #expect(
                records.contains { $0.path == "/releases/\(release)" && $0.sentAuthorization },
                "the API call itself is signed (the check can fail)"
            )

            let thumbnail = try await harness.call("fetch_image", ["release_id": .int(Int64(release)), "size": "thumbnail"])
            #expect(!thumbnail.isError, "\(thumbnail.text)")
            let outOfRange = try await harness.call("fetch_image", ["release_id": .int(Int64(release)), "index": 7])
            #expect(outOfRange.isError && outOfRange.text.contains("index"))
            let twoSources = try await harness.call("fetch_image", ["release_id": .int(Int64(release)), "artist_id": 1])
            #expect(twoSources.isError)
        }
    }

    @Test("fetch_image refuses images over the size cap")
    func oversized() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let release = try #require(await harness.state.data.releases.keys.sorted().first)
            let result = try await harness.call("fetch_image", ["release_id": .int(Int64(release))], imageByteLimit: 64)
            #expect(result.isError)
            #expect(result.text.contains("limit") && result.text.contains("refused"))
        }
    }
}
