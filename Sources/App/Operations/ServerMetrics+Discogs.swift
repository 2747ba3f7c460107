import Discogs
import Storage
import Transports

/// Discogs traffic in the server's metrics: what we send, what Discogs says of our budget,
/// how long callers wait for the governor, and how often the cache spares a request.
extension ServerMetrics: DiscogsClientObserver {
    public func upstreamRequest(endpoint: String, method: String, status: Int?, duration: Duration) {
        increment("discogs_requests_total", labels: [("endpoint", endpoint), ("method", method), ("status", status.map(String.init) ?? "none")])
        record("discogs_request_duration_seconds", labels: [("endpoint", endpoint)], duration: duration)
        if status == 429 { increment("discogs_rate_limited_total", labels: []) }
    }

    public func upstreamBudget(limit: Int?, remaining: Int?) {
        if let remaining { set("discogs_budget_remaining", Double(remaining)) }
        if let limit { set("discogs_budget_limit", Double(limit)) }
    }

    public func governorWaited(_ duration: Duration, priority: RequestPriority) {
        record("discogs_governor_wait_seconds", labels: [("priority", "\(priority)")], duration: duration)
    }

    public func cacheLookup(kind: CacheKind, hit: Bool) {
        increment("discogs_cache_lookups_total", labels: [("kind", kind.rawValue), ("result", hit ? "hit" : "miss")])
    }

    /// The governor's queue and breaker, read when `/metrics` is scraped.
    func recordGovernor(_ status: GovernorStatus<ServerClock>) {
        set("discogs_governor_queue_depth", Double(status.waiting))
        let state: Double
        switch status.breaker {
        case .closed: state = 0
        case .halfOpen: state = 1
        case .open: state = 2
        }
        set("discogs_circuit_breaker_state", state)
    }
}
