import Foundation

/// Samples of one measured operation, reduced to the figures the report prints.
struct Measurement {
    var samples: [Duration] = []

    /// The nearest-rank percentile `p` (0…1) in milliseconds.
    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = Int((p * Double(sorted.count - 1)).rounded())
        return Self.milliseconds(sorted[min(max(rank, 0), sorted.count - 1)])
    }

    var median: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}

/// Runs `body` and says how long it took.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let result = try await body()
    return (result, ContinuousClock.now - start)
}

/// One line of the machine-readable output.
struct QueryReport: Codable {
    var name: String
    var arguments: String
    var total: Int
    var medianMs: Double
    var p95Ms: Double

    enum CodingKeys: String, CodingKey {
        case name, arguments, total
        case medianMs = "median_ms"
        case p95Ms = "p95_ms"
    }
}

struct PeerReport: Codable {
    var query: String
    var iterations: Int
    var requestsPerSearch: Double
    var medianMs: Double
    var total: Int

    enum CodingKeys: String, CodingKey {
        case query, iterations, total
        case requestsPerSearch = "requests_per_search"
        case medianMs = "median_ms"
    }
}

struct BenchReport: Codable {
    var bench = "collection-search"
    var items: Int
    var indexed: Int
    var syncMs: Double
    var syncCollectionPageRequests: Int
    var syncRequests: Int
    var iterations: Int
    var queries: [QueryReport]
    var overallMedianMs: Double
    var searchUpstreamRequests: Int
    var statsMedianMs: Double
    var peer: PeerReport?

    enum CodingKeys: String, CodingKey {
        case bench, items, indexed, iterations, queries, peer
        case syncMs = "sync_ms"
        case syncCollectionPageRequests = "sync_collection_page_requests"
        case syncRequests = "sync_requests"
        case overallMedianMs = "overall_median_ms"
        case searchUpstreamRequests = "search_upstream_requests"
        case statsMedianMs = "stats_median_ms"
    }
}

func format(_ milliseconds: Double) -> String {
    String(format: "%.2f ms", milliseconds)
}
