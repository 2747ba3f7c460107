/// Hooks the client calls so operations code can count upstream traffic without the client
/// depending on a metrics library.
public protocol DiscogsClientObserver: Sendable {
    /// One HTTP exchange with Discogs; `status` is nil when no answer came (timeout, reset).
    func upstreamRequest(endpoint: String, method: String, status: Int?, duration: Duration)
    /// The budget Discogs reported in its `X-Discogs-Ratelimit-*` headers.
    func upstreamBudget(limit: Int?, remaining: Int?)
    /// How long a call waited for the governor's permission.
    func governorWaited(_ duration: Duration, priority: RequestPriority)
    /// A read looked in the response cache.
    func cacheLookup(kind: CacheKind, hit: Bool)
}

extension DiscogsRequest {
    /// The path with ids and usernames replaced by placeholders (`/users/{username}/collection/folders/{id}/releases`),
    /// a bounded label for metrics and logs.
    public var endpointTemplate: String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var out: [String] = []
        for (index, segment) in segments.enumerated() {
            let previous = index > 0 ? segments[index - 1] : ""
            if previous == "users" {
                out.append("{username}")
            } else if segment.allSatisfy({ $0.isNumber || $0 == "-" }) {
                out.append("{id}")
            } else if previous == "fields" || previous == "instances" || previous == "folders" {
                out.append("{id}")
            } else {
                out.append(String(segment))
            }
        }
        return "/" + out.joined(separator: "/")
    }
}
