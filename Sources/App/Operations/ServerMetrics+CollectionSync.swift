import Discogs
import Storage
import Transports

/// Index syncs in the server's metrics: how many ran and how, what they wrote, what they cost.
extension ServerMetrics: CollectionSyncObserver {
    public func syncFinished(_ report: CollectionSyncReport) async {
        let list = report.list.rawValue
        let kind = report.kind.rawValue
        increment("collection_syncs_total", labels: [("list", list), ("kind", kind), ("outcome", report.outcome.rawValue)])
        increment("collection_items_synced_total", by: report.itemsSynced, labels: [("list", list)])
        increment("collection_sync_requests_total", by: report.requests, labels: [("list", list), ("kind", kind)])
        record("collection_sync_duration_seconds", labels: [("list", list), ("kind", kind)], duration: report.duration)
    }
}
