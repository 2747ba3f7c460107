import Discogs
import ServiceLifecycle

/// Runs the index's background refresher for the server's lifetime.
///
/// Cancelled on graceful shutdown: a background refresh is resumable, so nothing is lost by
/// stopping it mid-way, and it must not hold the process up.
struct CollectionRefreshService: Service {
    let index: CollectionIndex
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await index.run(interval: interval)
        }
    }
}
