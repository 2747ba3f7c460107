import DiscogsSandbox
import Foundation
import Testing

@testable import Discogs

/// Issue 10, point 3 (finding of the fault run): a garbled 200 must not stay in the response cache.
@Suite struct MalformedCacheTests {
    @Test func aBodyThatCannotBeDecodedIsNotServedAgainFromTheCache() async throws {
        try await IndexHarness.with(collection: 3, wantlist: 1) { harness in
            let credential = DiscogsCredential.personalToken(SampleAccount.personalToken)
            let id = try #require(await harness.server.state.data.releases.keys.min())
            await harness.server.state.injectFault(.malformedJSON, count: 1, pathContains: "/releases/")
            await #expect(throws: DiscogsError.self) { _ = try await harness.client.release(id: id, as: credential) }
            let release = try await harness.client.release(id: id, as: credential)
            #expect(release.id == id)
        }
    }
}
