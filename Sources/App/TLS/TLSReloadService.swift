import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the TLS certificate and key on SIGHUP (what `systemctl reload` and certbot hooks send).
///
/// Installed whether or not TLS is on, so SIGHUP never kills the server (its default action);
/// without TLS there is nothing to reload and it says so. A reload that fails is logged and the
/// old certificate stays.
struct TLSReloadService: Service {
    let store: TLSCertificateStore?
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            guard let store else {
                logger.notice("SIGHUP received: nothing to reload (TLS is off)")
                continue
            }
            switch store.reload() {
            case .success(let identity):
                logger.notice(
                    "TLS certificate reloaded on SIGHUP",
                    metadata: ["certificate": "\(identity.files.certificatePath)", "serial": "\(identity.leafSerial)"]
                )
            case .failure(let error):
                logger.error("TLS reload on SIGHUP refused; the previous certificate stays in use: \(error)")
            }
        }
    }
}
