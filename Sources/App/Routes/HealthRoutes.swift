import Foundation
import Hummingbird
import MCP
import Storage
import Transports

/// `/healthz` (the process answers) and `/readyz` (it can serve: database, migrations, background services).
///
/// Both are JSON, unauthenticated and free of secrets, for load balancers and orchestrators.
struct HealthRoutes: Sendable {
    let storage: ServerStorage
    let startedAt: Date
    let backgroundRunning: @Sendable () async -> Bool

    func addRoutes(to router: Router<ServerRequestContext>) {
        let startedAt = self.startedAt
        router.get("healthz") { _, _ -> Response in
            Self.json(
                ["status": "ok", "uptimeSeconds": .int(Int64(Date().timeIntervalSince(startedAt))), "version": .string(ServerConfiguration.version)],
                status: .ok
            )
        }
        let health = self
        router.get("readyz") { _, _ -> Response in
            await health.readiness()
        }
    }

    func readiness() async -> Response {
        var checks: [String: JSONValue] = [:]
        var ready = true
        do {
            checks["database"] = .string(try await storage.databaseCheck())
            let (known, applied) = try await storage.migrations()
            let pending = known.filter { !applied.contains($0) }
            // Applied migrations this build does not know: a newer instance has migrated past it.
            let unknown = applied.filter { !known.contains($0) }
            checks["migrations"] = .string(
                pending.isEmpty && unknown.isEmpty
                    ? "ok"
                    : pending.isEmpty ? "ahead of this build: \(unknown.joined(separator: ", "))" : "pending: \(pending.joined(separator: ", "))"
            )
            ready = ready && pending.isEmpty
        } catch {
            checks["database"] = "unreachable"
            ready = false
        }
        let running = await backgroundRunning()
        checks["engine"] = .string(storage.engineName)
        checks["backgroundServices"] = .string(running ? "ok" : "not running")
        ready = ready && running
        return Self.json(["status": .string(ready ? "ready" : "not ready"), "checks": .object(checks)], status: ready ? .ok : .serviceUnavailable)
    }

    static func json(_ body: [String: JSONValue], status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONValue.object(body).encodedBytes))
        )
    }
}
