import Foundation
import Hummingbird
import MCP
import Storage
import Transports

/// `/healthz`: the process answers and its database is reachable.
struct HealthRoutes: Sendable {
    let database: Database
    let startedAt: Date

    func add(to router: Router<ServerRequestContext>) {
        let database = self.database
        let startedAt = self.startedAt
        router.get("healthz") { _, _ -> Response in
            let uptime = Int64(Date().timeIntervalSince(startedAt))
            var body: [String: JSONValue] = ["status": "ok", "uptimeSeconds": .int(uptime), "version": .string(ServerConfiguration.version)]
            var status = HTTPResponse.Status.ok
            do {
                body["database"] = .string(try await database.journalMode() == "wal" ? "ok" : "not in WAL mode")
            } catch {
                body["status"] = "degraded"
                body["database"] = .string("unreachable")
                status = .serviceUnavailable
            }
            return Response(
                status: status,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONValue.object(body).encodedBytes))
            )
        }
    }
}
