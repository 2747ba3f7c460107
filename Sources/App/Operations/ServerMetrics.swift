import Locking
import MCP
import Prometheus
import Transports

/// The server's own metrics, written straight into the Prometheus registry.
///
/// The registry API (rather than swift-metrics) is used so every series carries a `# HELP`
/// line and counters end in `_total`, which `promtool check metrics` insists on. Every label is
/// bounded: methods outside the known set are folded into `other`, tools the registry does not
/// know into `unknown`, and no user, session, release or path value ever becomes a label.
/// Handles are cached per label set so the hot path is one dictionary lookup under a lock.
/// It lives in `App`, the only target that knows Prometheus; the subsystems it observes declare
/// only the observer protocols it implements (`DispatchObserver`, `SessionEventObserver`,
/// `HTTPRequestObserver`, `OAuthObserver`, `DiscogsClientObserver`, `CollectionSyncObserver`).
public final class ServerMetrics: DispatchObserver, SessionEventObserver, HTTPRequestObserver {
    public let registry: PrometheusCollectorRegistry
    private let counters = Locked<[String: Counter]>([:])
    private let histograms = Locked<[String: DurationHistogram]>([:])
    private let gauges = Locked<[String: Gauge]>([:])
    /// Hot-path handles keyed by value types, so recording allocates nothing once warm.
    private let messageCounters = Locked<[MessageKey: Counter]>([:])
    private let httpHandles = Locked<[HTTPKey: (Counter, DurationHistogram)]>([:])

    private struct MessageKey: Hashable {
        var method: String
        var revision: ProtocolRevision?
        var transport: TransportKind
    }

    private struct HTTPKey: Hashable {
        var route: String
        var method: String
        var statusClass: Int
    }

    public static let prefix = "discogs_mcp_"

    static let durationBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// Methods that keep their name as a label; anything else is `other`.
    static let knownMethods: Set<String> = [
        "initialize", "ping", "tools/list", "tools/call", "server/discover", "subscriptions/listen",
        "resources/list", "resources/read", "resources/templates/list", "prompts/list", "prompts/get", "completion/complete",
        "logging/setLevel",
    ]

    /// Help text per metric name (without the prefix).
    static let help: [String: String] = [
        "messages_total": "MCP requests answered, by method, protocol revision and transport.",
        "message_errors_total": "MCP requests answered with a JSON-RPC error, by code and transport.",
        "tool_calls_total": "Tool calls by tool and outcome (ok, tool_error, protocol_error).",
        "tool_call_duration_seconds": "Time to complete a tool call.",
        "sessions_created_total": "MCP sessions opened, by transport.",
        "sessions_ended_total": "MCP sessions ended, by transport and reason (deleted, expired, disconnected, shutdown).",
        "sessions": "Live MCP sessions by transport and negotiated revision (none before the handshake).",
        "open_streams": "Open event streams by kind (session_get, legacy_sse, listen, response).",
        "rate_limited_total": "Requests refused by the inbound rate limiter, by bucket.",
        "http_requests_total": "HTTP requests by route template, method and status class.",
        "http_request_duration_seconds": "Time to produce an HTTP response's head, by route template.",
        "process_resident_memory_bytes": "Resident memory of the server process.",
        "heap_trims_total": "Times freed heap memory was given back to the system (malloc_trim after a burst of closed streams or finished work).",
        "heap_trimmed_bytes_total": "Resident bytes the heap trims gave back to the system.",
        "process_open_fds": "Open file descriptors of the server process.",
        "uptime_seconds": "Seconds since the server started.",
        "build_info": "Always 1; the version label names the running build.",
        "discogs_requests_total": "Requests sent to Discogs, by endpoint template, method and status (none: no answer).",
        "discogs_request_duration_seconds": "Time Discogs took to answer, by endpoint template.",
        "discogs_rate_limited_total": "Answers from Discogs with status 429.",
        "discogs_budget_remaining": "Requests left in Discogs' moving window, as its last answer reported.",
        "discogs_budget_limit": "Discogs' request budget per moving window, as its last answer reported.",
        "discogs_governor_wait_seconds": "Time calls waited for the outbound governor, by priority.",
        "discogs_governor_queue_depth": "Calls waiting for the outbound governor.",
        "postgres_pool_connections": "Connections the PostgreSQL pool has open (PostgreSQL engine only).",
        "postgres_pool_max_connections": "The PostgreSQL pool's connection limit.",
        "postgres_pool_wait_seconds": "Time to lease a PostgreSQL connection, probed at each scrape.",
        "fleet_message_lag_seconds":
            "Cross-instance notification lag: from another instance's NOTIFY to its receipt here, by topic (PostgreSQL fleets).",
        "discogs_circuit_breaker_state": "Outbound circuit breaker: 0 closed, 1 half-open, 2 open.",
        "discogs_cache_lookups_total": "Response-cache lookups by kind and result (hit, miss).",
        "collection_syncs_total":
            "Collection and wantlist index syncs, by list, kind (full, incremental) and outcome (completed, failed, cancelled).",
        "collection_items_synced_total": "Items written to the collection and wantlist index by syncs, by list.",
        "collection_sync_requests_total": "Discogs requests made by index syncs, by list and kind.",
        "collection_sync_duration_seconds": "Time one index sync took, by list and kind.",
        "purged_rows_total": "Rows deleted by the background purge, by kind (tokens, codes, pending_authorizations, clients, response_cache).",
    ]

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    // MARK: Dispatcher

    public func requestHandled(method: String, revision: ProtocolRevision?, transport: TransportKind, errorCode: Int?, duration: Duration) {
        let key = MessageKey(method: Self.knownMethods.contains(method) ? method : "other", revision: revision, transport: transport)
        let handle = messageCounters.withLock { cache in
            if let existing = cache[key] { return existing }
            let labels = [("method", key.method), ("revision", revision?.rawValue ?? "none"), ("transport", transport.rawValue)]
            let made = registry.makeCounter(name: Self.prefix + "messages_total", labels: labels, help: Self.help["messages_total"] ?? "")
            cache[key] = made
            return made
        }
        handle.increment()
        if let errorCode {
            counter("message_errors_total", [("code", String(errorCode)), ("transport", transport.rawValue)]).increment()
        }
    }

    /// `name` is a registered tool or `unknown` (the dispatcher folds the rest), so the label stays bounded.
    public func toolCalled(name: String, outcome: ToolCallOutcome, duration: Duration) {
        counter("tool_calls_total", [("tool", name), ("outcome", outcome.rawValue)]).increment()
        histogram("tool_call_duration_seconds", [("tool", name)]).record(duration)
    }

    // MARK: HTTP

    public func httpRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = HTTPKey(route: route, method: method, statusClass: status / 100)
        let (requests, latency) = httpHandles.withLock { cache in
            if let existing = cache[key] { return existing }
            let made = (
                counter("http_requests_total", [("route", route), ("method", method), ("status_class", "\(key.statusClass)xx")]),
                histogram("http_request_duration_seconds", [("route", route)])
            )
            cache[key] = made
            return made
        }
        requests.increment()
        latency.record(duration)
    }

    // MARK: Sessions and streams

    public func sessionCreated(transport: TransportKind) {
        counter("sessions_created_total", [("transport", transport.rawValue)]).increment()
    }

    public func sessionEnded(transport: TransportKind, reason: SessionEndReason) {
        counter("sessions_ended_total", [("transport", transport.rawValue), ("reason", reason.rawValue)]).increment()
    }

    /// Sets the live-session gauges from a census, zeroing combinations that disappeared.
    public func recordSessions(_ census: [SessionCensusKey: Int]) {
        for transport in [TransportKind.streamableHTTP, .sse] {
            for revision in ProtocolRevision.handshake.map(\.rawValue) + ["none"] {
                let key = SessionCensusKey(transport: transport.rawValue, revision: revision)
                gauge("sessions", [("transport", key.transport), ("revision", key.revision)]).set(to: Double(census[key] ?? 0))
            }
        }
    }

    public func recordStreams(_ counts: [String: Int]) {
        for kind in StreamKind.allCases {
            gauge("open_streams", [("kind", kind.rawValue)]).set(to: Double(counts[kind.rawValue] ?? 0))
        }
    }

    public func rateLimited(_ bucket: RateLimitBucket) {
        counter("rate_limited_total", [("bucket", bucket.kind)]).increment()
    }

    /// Sets a gauge under the server prefix (process facts, build info).
    public func set(_ name: String, _ value: Double, labels: [(String, String)] = []) {
        gauge(name, labels).set(to: value)
    }

    /// Adds one to a counter under the server prefix; `name` must have an entry in `help`.
    public func increment(_ name: String, by amount: Int = 1, labels: [(String, String)]) {
        counter(name, labels).increment(by: Int64(max(0, amount)))
    }

    /// Records a duration in a histogram under the server prefix.
    public func record(_ name: String, labels: [(String, String)], duration: Duration) {
        histogram(name, labels).record(duration)
    }

    // MARK: Handles

    private func key(_ name: String, _ labels: [(String, String)]) -> String {
        labels.reduce(name) { $0 + "|" + $1.0 + "=" + $1.1 }
    }

    private func counter(_ name: String, _ labels: [(String, String)]) -> Counter {
        let key = key(name, labels)
        return counters.withLock { cache in
            if let existing = cache[key] { return existing }
            let made = registry.makeCounter(name: Self.prefix + name, labels: labels, help: Self.help[name] ?? name)
            cache[key] = made
            return made
        }
    }

    private func histogram(_ name: String, _ labels: [(String, String)]) -> DurationHistogram {
        let key = key(name, labels)
        return histograms.withLock { cache in
            if let existing = cache[key] { return existing }
            let made = registry.makeDurationHistogram(
                name: Self.prefix + name,
                labels: labels,
                buckets: Self.durationBuckets,
                help: Self.help[name] ?? name
            )
            cache[key] = made
            return made
        }
    }

    private func gauge(_ name: String, _ labels: [(String, String)]) -> Gauge {
        let key = key(name, labels)
        return gauges.withLock { cache in
            if let existing = cache[key] { return existing }
            let made =
                labels.isEmpty
                ? registry.makeGauge(name: Self.prefix + name, help: Self.help[name] ?? name)
                : registry.makeGauge(name: Self.prefix + name, labels: labels, help: Self.help[name] ?? name)
            cache[key] = made
            return made
        }
    }
}
