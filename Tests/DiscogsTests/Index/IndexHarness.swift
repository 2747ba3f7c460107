import Discogs
import DiscogsSandbox
import Foundation
import Storage

/// A sandbox Discogs with its rate limit relaxed, a real client whose governor allows the same,
/// a fresh database and a `CollectionIndex` over it.
struct IndexHarness {
    static let username = "sandbox_collector"
    static let credential = DiscogsCredential.personalToken(SampleAccount.personalToken)
    static let collectionRoute = "GET /users/{username}/collection/folders/{id}/releases"

    let server: FakeDiscogsServer
    let client: DiscogsClient
    let database: Database
    let store: SQLiteCollectionIndexStore
    let index: CollectionIndex
    var state: FakeDiscogsState { server.state }

    /// A second index over the same database, as after a restart.
    func restartedIndex(configuration: CollectionIndexConfiguration = CollectionIndexConfiguration()) -> CollectionIndex {
        CollectionIndex(api: client, store: store, configuration: configuration)
    }

    static func with<T>(
        collection: Int,
        wantlist: Int = 20,
        configuration: CollectionIndexConfiguration = CollectionIndexConfiguration(),
        observer: any CollectionSyncObserver = IgnoreCollectionSyncs(),
        _ body: (IndexHarness) async throws -> T
    ) async throws -> T {
        var behaviour = FakeBehaviour()
        behaviour.authenticatedLimit = 1_000_000
        behaviour.enforceRateLimit = false
        let server = try await FakeDiscogsServer.startSandbox(
            SampleAccount.Options(collectionSize: collection, wantlistSize: wantlist),
            behaviour: behaviour
        )
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("index-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try Database(path: directory.appendingPathComponent("test.sqlite").path)
        guard let url = URL(string: server.baseURL) else { preconditionFailure("bad sandbox URL") }
        let client = DiscogsClient(
            configuration: DiscogsConfiguration(
                apiURL: url,
                webURL: url,
                userAgent: "discogs-mcp-tests/1.0",
                consumerKey: SampleAccount.consumerKey,
                consumerSecret: SampleAccount.consumerSecret,
                governor: GovernorConfiguration(authenticatedLimit: 1_000_000, backgroundReserve: 0)
            ),
            cache: SQLiteResponseCacheRepository(database: database)
        )
        let store = SQLiteCollectionIndexStore(database: database)
        let index = CollectionIndex(api: client, store: store, configuration: configuration, observer: observer)
        let harness = IndexHarness(server: server, client: client, database: database, store: store, index: index)
        do {
            let result = try await body(harness)
            try? await client.shutdown()
            await server.stop()
            return result
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
    }

    /// Ground truth: the fake's copies of the sample collector.
    func copies() async -> [FakeInstance] {
        await state.data.copies(of: Self.username, inFolder: 0)
    }

    func release(_ id: Int) async -> FakeRelease? {
        await state.data.releases[id]
    }
}

/// Collects observer reports.
actor RecordingSyncObserver: CollectionSyncObserver {
    private(set) var reports: [CollectionSyncReport] = []
    func syncFinished(_ report: CollectionSyncReport) async { reports.append(report) }
}
