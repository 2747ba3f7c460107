import ServiceLifecycle
import Storage

/// Runs the log sink for the life of the process and flushes it on shutdown.
///
/// Registered first in the service group so it stops last: the shutdown's own log lines are kept.
struct LogSinkService: Service {
    let sink: LogSink

    func run() async throws {
        await withGracefulShutdownHandler {
            await sink.run()
        } onGracefulShutdown: {
            sink.finish()
        }
    }
}
