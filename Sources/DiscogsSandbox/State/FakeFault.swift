/// A fault to inject into upcoming requests.
public enum FakeFault: Sendable, Equatable {
    /// Answer with this 5xx status and a Discogs-style message.
    case serverError(status: Int)
    /// Answer 429 as if over the rate limit.
    case rateLimited
    /// Answer 200 with a body that is not valid JSON.
    case malformedJSON
    /// Close with an empty 200 body.
    case emptyBody
    /// Start a 200 JSON body, then drop the connection mid-body (a reset as the client sees it).
    case connectionReset
}

/// One queued fault rule: a fault for the next `remaining` requests whose path contains `pathContains`.
struct FaultRule: Sendable {
    var fault: FakeFault
    var remaining: Int
    var pathContains: String?
}
