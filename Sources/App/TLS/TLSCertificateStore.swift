import Locking
import Logging
import NIOCore
import NIOSSL

/// The certificate every new TLS handshake presents; SIGHUP swaps it without touching open connections.
///
/// The listener's TLS context is built once, with the start-up identity; its
/// `sslContextCallback` asks this store during every ClientHello and overrides the chain and key
/// for that one handshake. Established connections keep the session they negotiated, so open
/// SSE streams survive a reload. A lock (`Locked`), not an actor: the callback runs on the event loop
/// during the handshake and completes at once, without a task hop per connection.
final class TLSCertificateStore: Sendable {
    private let identity: Locked<TLSIdentity>

    init(_ identity: TLSIdentity) {
        self.identity = Locked(identity)
    }

    /// The identity new handshakes use.
    var current: TLSIdentity {
        identity.withLock { $0 }
    }

    /// Re-reads the files the current identity came from; an unusable pair leaves the current one in place.
    func reload() -> Result<TLSIdentity, ConfigurationError> {
        let files = current.files
        do throws(ConfigurationError) {
            let fresh = try TLSIdentity.load(files)
            identity.withLock { $0 = fresh }
            return .success(fresh)
        } catch {
            return .failure(error)
        }
    }

    /// The listener's TLS configuration: the current identity, with every handshake asking the store.
    var serverConfiguration: TLSConfiguration {
        var configuration = current.serverConfiguration
        configuration.sslContextCallback = { [self] _, promise in
            promise.succeed(current.override)
        }
        return configuration
    }
}
