import Discogs
import DiscogsSandbox
import Testing
import Tools

@Suite("Sandbox harness")
struct SandboxHarnessTests {
    @Test("the harness signs in as the sample collector")
    func resolvesTheSampleAccount() async throws {
        try await SandboxHarness.with { harness in
            let account = try await harness.environment.account(for: SandboxHarness.context())
            let folders = try await harness.client.collectionFolders(username: account.username, as: account.credential)
            #expect(folders.first(where: { $0.id == 0 })?.count == 120)
        }
    }
}
