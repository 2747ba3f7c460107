import Discogs
import DiscogsSandbox
import MCP
import Testing
import Tools

@Suite("Collection write tools")
struct CollectionWriteToolsTests {
    static let small = SampleAccount.Options(collectionSize: 30, wantlistSize: 5)
    static let me = "sandbox_collector"

    @Test("folders: list, create, rename, delete — each visible on the next read and reported")
    func folders() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let changes = RecordingChanges()
            let listed = try await harness.call("list_folders")
            let truth = await harness.state.data.allFolders(of: Self.me)
            #expect(listed.structured["folders"]?.array.compactMap { $0["id"]?.int } == truth.map(\.folder.id))
            #expect(listed.structured["folders"]?.array.compactMap { $0["count"]?.int } == truth.map(\.count))

            let created = try await harness.call("create_folder", ["name": "Test Crate"], changes: changes)
            let newID = try #require(created.structured["id"]?.int)
            #expect(await harness.state.data.folders[Self.me]?.contains { $0.id == newID && $0.name == "Test Crate" } == true)
            let renamed = try await harness.call("rename_folder", ["folder_id": .int(Int64(newID)), "name": "Sell Pile"], changes: changes)
            #expect(!renamed.isError, "\(renamed.text)")
            let after = try await harness.call("list_folders")
            #expect(after.structured["folders"]?.array.contains { $0["id"]?.int == newID && $0["name"]?.stringValue == "Sell Pile" } == true)
            let deleted = try await harness.call("delete_folder", ["folder_id": .int(Int64(newID))], changes: changes)
            #expect(!deleted.isError, "\(deleted.text)")
            #expect(await harness.state.data.folders[Self.me]?.contains { $0.id == newID } == false)
            #expect(
                await changes.changes == [
                    .folderSaved(username: Self.me, folderID: newID, name: "Test Crate"),
                    .folderSaved(username: Self.me, folderID: newID, name: "Sell Pile"),
                    .folderDeleted(username: Self.me, folderID: newID),
                ]
            )

            let busy = try #require(truth.first { $0.folder.id > 1 && $0.count > 0 })
            let refused = try await harness.call("delete_folder", ["folder_id": .int(Int64(busy.folder.id))], changes: changes)
            #expect(refused.isError && refused.text.contains("contains releases"))
            #expect(await changes.changes.count == 3, "a refused write reports no change")
        }
    }

    @Test("get_collection_value is the owner's formatted estimate")
    func value() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let result = try await harness.call("get_collection_value")
            #expect(!result.isError, "\(result.text)")
            #expect(result.structured["median"]?.stringValue?.hasPrefix("$") == true)
            #expect(result.structured["minimum"] != result.structured["maximum"])
        }
    }

    @Test("add, rate, move and remove a copy; several copies need instance_id")
    func copies() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let changes = RecordingChanges()
            let data = await harness.state.data
            let owned = Set((data.instances[Self.me] ?? []).map(\.releaseID))
            let release = try #require(data.releases.keys.sorted().first { !owned.contains($0) })
            let target = try #require(data.folders[Self.me]?.first).id

            let first = try await harness.call("add_to_collection", ["release_id": .int(Int64(release))], changes: changes)
            let second = try await harness.call(
                "add_to_collection",
                ["release_id": .int(Int64(release)), "folder_id": .int(Int64(target))],
                changes: changes
            )
            let firstID = try #require(first.structured["instance_id"]?.int)
            let secondID = try #require(second.structured["instance_id"]?.int)
            let stored = await harness.state.data.instances[Self.me]?.filter { $0.releaseID == release } ?? []
            #expect(stored.map(\.instanceID) == [firstID, secondID])
            #expect(stored.map(\.folderID) == [1, target])

            let ambiguous = try await harness.call("rate_release", ["release_id": .int(Int64(release)), "rating": 4], changes: changes)
            #expect(ambiguous.isError)
            #expect(ambiguous.text.contains("instance_id \(firstID)") && ambiguous.text.contains("instance_id \(secondID)"))

            let rated = try await harness.call(
                "rate_release",
                ["release_id": .int(Int64(release)), "rating": 4, "instance_id": .int(Int64(secondID))],
                changes: changes
            )
            #expect(!rated.isError, "\(rated.text)")
            #expect(await harness.state.data.instances[Self.me]?.first { $0.instanceID == secondID }?.rating == 4)

            let moved = try await harness.call(
                "move_release",
                ["release_id": .int(Int64(release)), "instance_id": .int(Int64(firstID)), "to_folder_id": .int(Int64(target))],
                changes: changes
            )
            #expect(!moved.isError, "\(moved.text)")
            #expect(await harness.state.data.instances[Self.me]?.first { $0.instanceID == firstID }?.folderID == target)

            let removed = try await harness.call(
                "remove_from_collection",
                ["release_id": .int(Int64(release)), "instance_id": .int(Int64(firstID))],
                changes: changes
            )
            #expect(!removed.isError, "\(removed.text)")
            #expect(await harness.state.data.instances[Self.me]?.contains { $0.instanceID == firstID } == false)

            // With one copy left, instance_id may be omitted.
            let readBack = try await harness.call("get_release", ["release_id": .int(Int64(release))])
            #expect(readBack.structured["your_copies"]?.array.compactMap { $0["instance_id"]?.int } == [secondID])

            #expect(
                await changes.changes == [
                    .collectionAdded(username: Self.me, releaseID: release, instanceID: firstID, folderID: 1),
                    .collectionAdded(username: Self.me, releaseID: release, instanceID: secondID, folderID: target),
                    .collectionEdited(username: Self.me, releaseID: release, instanceID: secondID, rating: 4, folderID: nil),
                    .collectionEdited(username: Self.me, releaseID: release, instanceID: firstID, rating: nil, folderID: target),
                    .collectionRemoved(username: Self.me, releaseID: release, instanceID: firstID),
                ]
            )

            let notOwned = try #require(data.releases.keys.sorted().last { !owned.contains($0) && $0 != release })
            let missing = try await harness.call("rate_release", ["release_id": .int(Int64(notOwned)), "rating": 3], changes: changes)
            #expect(missing.isError && missing.text.contains("not in"))
            let badFolder = try await harness.call("move_release", ["release_id": .int(Int64(release)), "to_folder_id": 987_654], changes: changes)
            #expect(badFolder.isError && badFolder.text.contains("Invalid folder_id"), "a 422 carries Discogs' message: \(badFolder.text)")
        }
    }

    @Test("custom fields: list them and set one on a copy; a bad dropdown value is refused before Discogs")
    func fields() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let changes = RecordingChanges()
            let listed = try await harness.call("list_custom_fields")
            let truth = await harness.state.data.fields[Self.me] ?? []
            #expect(listed.structured["fields"]?.array.compactMap { $0["id"]?.int } == truth.map(\.id))

            let data = await harness.state.data
            let copies = data.instances[Self.me] ?? []
            let single = try #require(copies.first { copy in copies.filter { $0.releaseID == copy.releaseID }.count == 1 })
            let dropdown = try #require(truth.first { $0.type == "dropdown" })
            let value = try #require(dropdown.options.last)
            let edited = try await harness.call(
                "edit_custom_field",
                ["release_id": .int(Int64(single.releaseID)), "field_id": .int(Int64(dropdown.id)), "value": .string(value)],
                changes: changes
            )
            #expect(!edited.isError, "\(edited.text)")
            #expect(await harness.state.data.instances[Self.me]?.first { $0.instanceID == single.instanceID }?.fieldValues[dropdown.id] == value)
            #expect(
                await changes.changes == [
                    .collectionFieldEdited(
                        username: Self.me,
                        releaseID: single.releaseID,
                        instanceID: single.instanceID,
                        fieldID: dropdown.id,
                        value: value
                    )
                ]
            )

            let before = await harness.state.totalRequests
            let bad = try await harness.call(
                "edit_custom_field",
                ["release_id": .int(Int64(single.releaseID)), "field_id": .int(Int64(dropdown.id)), "value": "Shiny"],
                changes: changes
            )
            #expect(bad.isError && bad.text.contains(value))
            #expect(await harness.state.requestCount(pathContaining: "/fields/") == 1, "the refused value never reached Discogs (\(before) before)")
        }
    }

    @Test("wantlist: add and remove, visible in the fake and reported")
    func wantlist() async throws {
        try await SandboxHarness.with(Self.small) { harness in
            let changes = RecordingChanges()
            let data = await harness.state.data
            let wanted = Set((data.wants[Self.me] ?? []).map(\.releaseID))
            let release = try #require(data.releases.keys.sorted().first { !wanted.contains($0) })
            let added = try await harness.call(
                "add_to_wantlist",
                ["release_id": .int(Int64(release)), "notes": "Any copy", "rating": 3],
                changes: changes
            )
            #expect(!added.isError, "\(added.text)")
            #expect(await harness.state.data.wants[Self.me]?.contains { $0.releaseID == release } == true)
            let removed = try await harness.call("remove_from_wantlist", ["release_id": .int(Int64(release))], changes: changes)
            #expect(!removed.isError, "\(removed.text)")
            #expect(await harness.state.data.wants[Self.me]?.contains { $0.releaseID == release } == false)
            let recorded = await changes.changes
            #expect(recorded.count == 2)
            guard case .wantlistAdded(Self.me, release, let want)? = recorded.first else {
                Issue.record("expected wantlistAdded first, got \(recorded)")
                return
            }
            #expect(want?.notes == "Any copy" && want?.rating == 3, "the change carries what Discogs kept")
            #expect(recorded.last == .wantlistRemoved(username: Self.me, releaseID: release))

            let unknown = try await harness.call("add_to_wantlist", ["release_id": 999_999_999], changes: changes)
            #expect(unknown.isError && unknown.text.contains("Check the id"))
            #expect(await changes.changes.count == 2)
        }
    }
}
