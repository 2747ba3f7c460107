import Discogs
import Foundation
import Hummingbird
import MCP
import Prometheus
import Transports

/// `/metrics` in Prometheus text format, from the one registry swift-metrics feeds.
///
/// Live figures (sessions, streams, memory, descriptors, uptime) are read when scraped rather
/// than maintained on every change, so the hot paths pay nothing for them.
struct MetricsEndpoint: Sendable {
    let registry: PrometheusCollectorRegistry
    let metrics: ServerMetrics
    let sessions: SessionRegistry
    let heartbeat: Heartbeat
    let discogs: DiscogsClient
    let startedAt: Date
    /// Lets non-loopback scrapers in with `Authorization: Bearer <token>`.
    let token: String?
    /// On a dedicated listener the operator chose to expose it, so loopback is not required.
    let requireLoopbackOrToken: Bool
    /// Whether a loopback client may scrape without the token; not behind a proxy or with a public URL
    /// that is not loopback, where a "loopback" request may be anyone's, relayed by the proxy.
    var loopbackSuffices = true
    /// The storage, for the PostgreSQL pool's figures.
    var storage: ServerStorage?

    func addRoutes(to router: Router<ServerRequestContext>) {
        let endpoint = self
        router.get("metrics") { request, context -> Response in
            guard endpoint.allows(request, context: context) else {
                return Response(
                    status: .forbidden,
                    headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: endpoint.refusal))
                )
            }
            await endpoint.collect()
            var buffer: [UInt8] = []
            endpoint.registry.emit(into: &buffer)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
    }

    func allows(_ request: Request, context: ServerRequestContext) -> Bool {
        Self.allows(
            authorization: request.headers[.authorization],
            isLoopback: context.isLoopback,
            token: token,
            requireLoopbackOrToken: requireLoopbackOrToken,
            loopbackSuffices: loopbackSuffices
        )
    }

    /// Why a scrape was refused, naming what would let it in.
    var refusal: String {
        loopbackSuffices
            ? "metrics are served to loopback clients, or with Authorization: Bearer DISCOGS_MCP_METRICS_TOKEN\n"
            : "metrics need Authorization: Bearer DISCOGS_MCP_METRICS_TOKEN (or their own DISCOGS_MCP_METRICS_PORT) when proxies are trusted or the public URL is not loopback\n"
    }

    /// The access rule: the right bearer always passes, a wrong one never; otherwise loopback (where loopback proves
    /// locality), unless the listener is dedicated.
    static func allows(authorization: String?, isLoopback: Bool, token: String?, requireLoopbackOrToken: Bool, loopbackSuffices: Bool = true) -> Bool
    {
        if let token, let authorization, authorization.hasPrefix("Bearer ") {
            return constantTimeEquals(String(authorization.dropFirst(7)), token)
        }
        return !requireLoopbackOrToken || isLoopback && loopbackSuffices
    }

    func collect() async {
        metrics.recordSessions(await sessions.census())
        metrics.recordStreams(await heartbeat.counts())
        metrics.recordGovernor(await discogs.governorStatus())
        if let storage { await metrics.recordStorage(storage) }
        metrics.set("process_resident_memory_bytes", ProcessStats.residentMemoryBytes())
        metrics.set("process_open_fds", ProcessStats.openFileDescriptors())
        metrics.set("uptime_seconds", Date().timeIntervalSince(startedAt))
        metrics.set("build_info", 1, labels: [("version", ServerConfiguration.version)])
    }

    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = left.count ^ right.count
        for index in 0..<max(left.count, right.count) {
            difference |= Int((index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0))
        }
        return difference == 0
    }
}
