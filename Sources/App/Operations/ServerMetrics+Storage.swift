import Storage
import Transports

/// The PostgreSQL pool in the server's metrics, read when `/metrics` is scraped (nothing for SQLite).
extension ServerMetrics {
    func recordStorage(_ storage: ServerStorage) async {
        guard case .postgres(let database, _) = storage.engine else { return }
        let pool = database.poolStatistics.snapshot
        set("postgres_pool_connections", Double(pool.open))
        set("postgres_pool_max_connections", Double(pool.maximum))
        // One probe lease per scrape; a failure (database down) leaves the last figure and shows in /readyz.
        if let wait = try? await database.leaseWait() {
            set("postgres_pool_wait_seconds", Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
        }
    }
}

/// The cross-instance notification lag of a fleet on PostgreSQL.
extension ServerMetrics: FleetObserver {
    public func fleetMessageReceived(topic: String, lag: Duration) {
        let known = FleetTopic(rawValue: topic)?.rawValue ?? "other"
        record("fleet_message_lag_seconds", labels: [("topic", known)], duration: lag)
    }
}
