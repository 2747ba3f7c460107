// BenchCollectionSearch: collection-index search through the real tool, against the sandbox Discogs.
//
//   BenchCollectionSearch [--items 10000] [--iterations 200] [--peer-iterations 5] [--store-budget-ms 50]
//
// Starts the fake Discogs with a generated collection, syncs a real CollectionIndex through a real
// DiscogsClient, then calls SearchCollectionTool (argument parsing, SQL, rendering, structured
// output) over a fixed mix of queries and reports medians and p95. For comparison it also runs the
// approach of servers without an index: re-read the whole collection per search and filter in memory.
// Prints human-readable lines, then one JSON line starting {"bench":"collection-search".

import Discogs
import DiscogsSandbox
import Foundation
import MCP
import Storage
import Tools

func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let parsed = Int(arguments[index + 1]) else { return value }
    return parsed
}

let itemCount = option("--items", default: 10_000)
let iterations = option("--iterations", default: 200)
let peerIterations = option("--peer-iterations", default: 5)
let username = "sandbox_collector"
let credential = DiscogsCredential.personalToken(SampleAccount.personalToken)
let collectionRoute = "GET /users/{username}/collection/folders/{id}/releases"

func log(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let (_, generation) = await timed { SampleAccount.generate(SampleAccount.Options(collectionSize: itemCount, wantlistSize: 20)) }
log("sample account: \(itemCount) items generated in \(format(Measurement.milliseconds(generation)))")

var behaviour = FakeBehaviour()
behaviour.authenticatedLimit = 1_000_000
behaviour.enforceRateLimit = false
let server = try await FakeDiscogsServer.startSandbox(SampleAccount.Options(collectionSize: itemCount, wantlistSize: 20), behaviour: behaviour)
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-collection-search-\(UUID().uuidString)")
let database = try Database(path: directory.appendingPathComponent("bench.sqlite").path)
guard let url = URL(string: server.baseURL) else { fatalError("bad sandbox URL \(server.baseURL)") }
let client = DiscogsClient(
    configuration: DiscogsConfiguration(
        apiURL: url,
        webURL: url,
        userAgent: "discogs-mcp-bench/1.0",
        consumerKey: SampleAccount.consumerKey,
        consumerSecret: SampleAccount.consumerSecret,
        governor: GovernorConfiguration(authenticatedLimit: 1_000_000, backgroundReserve: 0)
    ),
    cache: SQLiteResponseCacheRepository(database: database)
)
// No background refresh may start during the measured searches.
let index = CollectionIndex(
    api: client,
    store: SQLiteCollectionIndexStore(database: database),
    configuration: CollectionIndexConfiguration(refreshOnReadAfter: .seconds(24 * 3600))
)

// MARK: Sync

await server.state.resetCounters()
let (report, syncDuration) = try await timed { try await index.refresh(username: username, list: .collection, credential: credential, full: true) }
let syncMs = Measurement.milliseconds(syncDuration)
let syncPages = await server.state.requestCount(route: collectionRoute)
let syncRequests = await server.state.totalRequests
log("sync: \(report.indexedTotal) items indexed in \(format(syncMs)) with \(syncPages) collection-page requests (\(syncRequests) requests in all)")

// MARK: The query mix

let stats = try await index.stats(username: username, list: .collection, top: 3)
let topLabel = stats.labels.first?.value ?? "Blue Room Records"
let topStyle = stats.styles.first?.value ?? "Techno"
let topArtist = stats.artists.first?.value ?? "Ada"
let folder = try await index.folders(username: username).first { $0.id != 0 && $0.count > 0 }?.id ?? 1
let queries: [(String, [String: JSONValue])] = [
    ("browse newest", [:]),
    ("text", ["query": "blue"]),
    ("text, two words", ["query": "night river"]),
    ("genre + decade", ["genre": "Jazz", "decade": 1970]),
    ("text + style + min rating, sort year", ["query": "night", "style": .string(topStyle), "min_rating": 2, "sort": "year"]),
    ("artist, page 3 of 5", ["artist": .string(topArtist), "page": 3, "per_page": 5]),
    ("format, sort artist", ["format": "Vinyl", "sort": "artist"]),
    ("label, sort title", ["label": .string(topLabel), "sort": "title"]),
    ("folder + min rating, sort rating", ["folder_id": .int(Int64(folder)), "min_rating": 4, "sort": "rating"]),
    ("added range, page 2", ["added_after": "2015-01-01", "added_before": "2022-01-01", "page": 2]),
    ("year range, sort year asc, 50", ["year_from": 1990, "year_to": 1999, "sort": "year", "order": "asc", "per_page": 50]),
    ("style + format, page 2 of 100", ["style": .string(topStyle), "format": "LP", "page": 2, "per_page": 100]),
]

let tool = SearchCollectionTool(
    environment: DiscogsToolEnvironment(
        api: client,
        accounts: FixedAccountResolver(["user:bench": DiscogsAccount(username: username, credential: credential)]),
        publicCredential: .application
    ),
    index: index
)
let context = ToolContext(
    caller: Caller(principalID: "user:bench", kind: "oauth", displayName: username, scopes: ["read"]),
    revision: .v2025_11_25,
    transport: .streamableHTTP,
    progress: .disabled
)

func argumentsText(_ arguments: [String: JSONValue]) -> String {
    arguments.keys.sorted().map { "\($0)=\(arguments[$0].map { "\($0)" } ?? "")" }.joined(separator: " ")
}

await server.state.resetCounters()
var reports: [QueryReport] = []
var everything = Measurement()
for (name, arguments) in queries {
    var total = 0
    for _ in 0..<5 { _ = try await tool.call(arguments, context: context) }  // warm the statement cache and pages
    var measurement = Measurement()
    for _ in 0..<iterations {
        let (result, elapsed) = try await timed { try await tool.call(arguments, context: context) }
        measurement.samples.append(elapsed)
        guard !result.isError else { fatalError("\(name) failed: \(result.content)") }
        total = Int(result.structuredContent?["total"]?.intValue ?? -1)
    }
    everything.samples += measurement.samples
    reports.append(QueryReport(name: name, arguments: argumentsText(arguments), total: total, medianMs: measurement.median, p95Ms: measurement.p95))
    log("search \(name) [\(argumentsText(arguments))]: median \(format(measurement.median)), p95 \(format(measurement.p95)), total \(total)")
}
let searchRequests = await server.state.totalRequests
log(
    "searches: \(queries.count) queries × \(iterations): overall median \(format(everything.median)), p95 \(format(everything.p95)); upstream Discogs requests during searches: \(searchRequests)"
)

// MARK: Stats

var statsMeasurement = Measurement()
for _ in 0..<max(10, iterations / 4) {
    let (_, elapsed) = try await timed { try await index.stats(username: username, list: .collection, top: 10) }
    statsMeasurement.samples.append(elapsed)
}
log("stats (top 10, every facet, decades, ratings, months, folders): median \(format(statsMeasurement.median)), p95 \(format(statsMeasurement.p95))")

// MARK: The index store alone (exits 1 at the end when a median is over --store-budget-ms)

let storeWithinBudget = try await StoreSearch.run(
    count: itemCount,
    iterations: max(15, iterations / 10),
    budgetMs: Double(option("--store-budget-ms", default: 50)),
    in: directory
)

// MARK: Completions

let completer = IndexCompleter(
    accounts: FixedAccountResolver(["user:bench": DiscogsAccount(username: username, credential: credential)]),
    index: index
)
var completionMeasurement = Measurement()
let completionCases: [CompletionRequest] =
    ["a", "bl", "ja", "t", "ro", "m", ""].map {
        CompletionRequest(reference: .prompt("browse_collection"), argument: "focus", value: $0)
    } + ["1", "12", "3"].map { CompletionRequest(reference: .resourceTemplate("discogs://release/{id}"), argument: "id", value: $0) }
for request in completionCases { _ = try await completer.complete(request, context: context) }
for _ in 0..<max(10, iterations / 4) {
    for request in completionCases {
        let (_, elapsed) = try await timed { try await completer.complete(request, context: context) }
        completionMeasurement.samples.append(elapsed)
    }
}
log(
    "completion (browse_collection focus and release ids, \(completionCases.count) prefixes, up to 100 values): median \(format(completionMeasurement.median)), p95 \(format(completionMeasurement.p95))"
)

// MARK: The peer approach

var peer: PeerReport?
if peerIterations > 0 {
    await server.state.resetCounters()
    var measurement = Measurement()
    var total = 0
    for _ in 0..<peerIterations {
        let (matched, elapsed) = try await timed { try await rereadAndFilter() }
        measurement.samples.append(elapsed)
        total = matched
    }
    let requests = Double(await server.state.requestCount(route: collectionRoute)) / Double(peerIterations)
    peer = PeerReport(query: "genre + decade", iterations: peerIterations, requestsPerSearch: requests, medianMs: measurement.median, total: total)
    log(
        "peer approach (re-read folder 0 at per_page=100, cache bypassed, filter in memory) for genre + decade: \(Int(requests)) requests per search, median \(format(measurement.median)) over \(peerIterations), total \(total)"
    )
    let ours = reports.first { $0.name == "genre + decade" }
    log("ours: \(searchRequests) requests, \(format(ours?.medianMs ?? 0)); peer approach: \(Int(requests)) requests, \(format(measurement.median))")
}

/// Reads every page of folder 0 past the response cache, then filters and pages in memory.
@MainActor
func rereadAndFilter() async throws -> Int {
    var items: [IndexedItem] = []
    var page = 1
    while true {
        let request = DiscogsRequest(
            .get,
            "/users/\(username)/collection/folders/0/releases",
            query: DiscogsRequest.query([("page", String(page)), ("per_page", "100")])
        )
        let listing = try await client.send(request, as: credential).decode(Page<CollectionItem>.self)
        items += listing.items.map(IndexedItem.init)
        if page >= listing.pagination.pages || listing.items.isEmpty { break }
        page += 1
    }
    let matches = items.filter { $0.genres.contains { $0.lowercased() == "jazz" } && (1970...1979).contains($0.year ?? 0) }
        .sorted { ($0.dateAdded ?? 0, $0.instanceID) > ($1.dateAdded ?? 0, $1.instanceID) }
    _ = matches.prefix(25)
    return matches.count
}

let bench = BenchReport(
    items: itemCount,
    indexed: report.indexedTotal,
    syncMs: syncMs,
    syncCollectionPageRequests: syncPages,
    syncRequests: syncRequests,
    iterations: iterations,
    queries: reports,
    overallMedianMs: everything.median,
    searchUpstreamRequests: searchRequests,
    statsMedianMs: statsMeasurement.median,
    peer: peer
)
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
log(String(decoding: try encoder.encode(bench), as: UTF8.self))
try? await client.shutdown()
await server.stop()
try? FileManager.default.removeItem(at: directory)
if !storeWithinBudget { exit(1) }
