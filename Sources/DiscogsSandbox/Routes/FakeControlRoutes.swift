import Foundation
import HTTPTypes
import Hummingbird

/// The sandbox's control surface for black-box tests (`/_sandbox/…`), present only with a control token.
///
/// End-to-end and stress runs drive a server process whose sandbox lives inside it, so the faults,
/// latency and revocations that in-process tests set on `FakeDiscogsState` need an HTTP door.
/// Every route wants `X-Sandbox-Control: <token>` (compared in constant time); bodies are JSON.
struct FakeControlRoutes: Sendable {
    static let prefix = "/_sandbox/"
    static let header = HTTPField.Name("X-Sandbox-Control")
    let state: FakeDiscogsState
    let token: String

    func add(to router: Router<FakeDiscogsContext>) {
        let group = router.group("_sandbox")
        addFaultRoutes(to: group)
        addAccountRoutes(to: group)
        addInspectionRoutes(to: group)
    }

    /// Upstream faults, latency and rate-limit behaviour: `faults`, `latency`, `behaviour`, `clear`.
    private func addFaultRoutes(to group: RouterGroup<FakeDiscogsContext>) {
        group.post("faults") { request, _ in
            try await guarded(request) { body in
                guard let fault = Self.fault(body) else {
                    throw FakeDiscogsError(400, "fault must be server_error, rate_limited, malformed_json, empty_body or connection_reset")
                }
                let count = min(max(body["count"] as? Int ?? 1, 1), 100_000)
                await state.injectFault(fault, count: count, pathContains: body["path_contains"] as? String)
                return ["queued": count]
            }
        }
        group.post("latency") { request, _ in
            try await guarded(request) { body in
                let milliseconds = min(max(body["ms"] as? Int ?? 0, 0), 60_000)
                await state.setLatency(.milliseconds(milliseconds))
                return ["latency_ms": milliseconds]
            }
        }
        group.post("behaviour") { request, _ in
            try await guarded(request) { body in
                let retryAfter = body["send_retry_after"] as? Bool
                let seconds = (body["retry_after_seconds"] as? Int).map { min(max($0, 0), 3600) }
                await state.setBehaviour { behaviour in
                    if let retryAfter { behaviour.sendRetryAfter = retryAfter }
                    if let seconds { behaviour.retryAfterSeconds = seconds }
                }
                return ["send_retry_after": await state.behaviour.sendRetryAfter, "retry_after_seconds": seconds ?? NSNull()]
            }
        }
        group.post("clear") { request, _ in
            try await guarded(request) { _ in
                await state.clearFaults()
                await state.setBehaviour { $0.sendRetryAfter = false }
                return ["cleared": true]
            }
        }
    }

    /// What happens at Discogs behind the server's back: `revoke`, `consumers`, `image_base`.
    private func addAccountRoutes(to group: RouterGroup<FakeDiscogsContext>) {
        group.post("revoke") { request, _ in
            try await guarded(request) { body in
                guard let username = body["username"] as? String else { throw FakeDiscogsError(400, "username is required") }
                return ["revoked": await state.revokeAccessTokens(username: username)]
            }
        }
        group.post("consumers") { request, _ in
            try await guarded(request) { body in
                guard let suspended = body["suspended"] as? Bool else { throw FakeDiscogsError(400, "suspended (true or false) is required") }
                return ["moved": await state.setConsumersSuspended(suspended)]
            }
        }
        group.post("image_base") { request, _ in
            try await guarded(request) { body in
                await state.setImageBaseOverride(body["url"] as? String)
                return ["url": body["url"] as? String ?? NSNull()]
            }
        }
    }

    /// What the sandbox saw: `requests` (the last N) and `stats` (counters, optionally reset).
    private func addInspectionRoutes(to group: RouterGroup<FakeDiscogsContext>) {
        group.post("requests") { request, _ in
            try await guarded(request) { body in
                let limit = min(max(body["last"] as? Int ?? 200, 1), 5000)
                let records = await state.requests.suffix(limit).map { record -> [String: Any] in
                    ["method": record.method, "path": record.path, "query": record.query, "status": Int(record.status)]
                }
                return ["requests": records]
            }
        }
        group.post("stats") { request, _ in
            try await guarded(request) { body in
                if body["reset"] as? Bool == true { await state.resetCounters() }
                let stats = await state.controlStats
                return [
                    "total_requests": stats.totalRequests, "peak_window_used": stats.peakWindowUsed, "over_budget_refusals": stats.overBudgetRefusals,
                    "authenticated_limit": stats.authenticatedLimit, "window_seconds": stats.windowSeconds, "queued_faults": stats.queuedFaults,
                ]
            }
        }
    }

    /// Checks the control token, parses the JSON body, runs `action` and answers its dictionary as JSON.
    private func guarded(_ request: Request, _ action: ([String: Any]) async throws -> [String: Any]) async throws -> Response {
        let presented = Array((Self.header.flatMap { request.headers[$0] } ?? "").utf8)
        let expected = Array(token.utf8)
        var difference = presented.count ^ expected.count
        for (index, byte) in expected.enumerated() { difference |= Int(byte ^ (index < presented.count ? presented[index] : 0)) }
        guard difference == 0 else { throw FakeDiscogsError(403, "X-Sandbox-Control must carry the sandbox control token") }
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let data = Data(buffer.readableBytesView)
        let body = data.isEmpty ? [:] : (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        guard let body else { throw FakeDiscogsError(400, "the body must be a JSON object") }
        let answer = try await action(body)
        let bytes = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])
        return FakeReply.text(String(decoding: bytes, as: UTF8.self), contentType: "application/json")
    }

    static func fault(_ body: [String: Any]) -> FakeFault? {
        switch body["fault"] as? String {
        case "server_error": .serverError(status: min(max(body["status"] as? Int ?? 503, 500), 599))
        case "rate_limited": .rateLimited
        case "malformed_json": .malformedJSON
        case "empty_body": .emptyBody
        case "connection_reset": .connectionReset
        default: nil
        }
    }
}
