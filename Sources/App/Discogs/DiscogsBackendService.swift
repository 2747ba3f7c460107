import Auth
import Discogs
import DiscogsSandbox
import Logging
import ServiceLifecycle

/// Keeps the Discogs client (and the sandbox, if any) alive for the server's lifetime.
///
/// Listed before the HTTP server among the application's services, so on shutdown it stops only
/// after the server has drained: in-flight tool calls still reach Discogs.
struct DiscogsBackendService: Service {
    let client: DiscogsClient
    let backend: DiscogsBackend
    /// The OAuth server's client-metadata fetcher, whose HTTP client also closes with the server.
    var documents: ClientMetadataDocuments? = nil
    let logger: Logger

    func run() async throws {
        // Cancellation here is the service group's shutdown signal: either way, close down.
        try? await gracefulShutdown()
        do {
            try await documents?.shutdown()
        } catch {
            logger.warning("closing the client-metadata fetcher failed", metadata: ["error": "\(error)"])
        }
        await Self.shutDown(client, logger: logger)
        await backend.sandbox?.stop()
    }

    /// Closes the Discogs client, logging (not dropping) a failure: shutdown goes on regardless.
    static func shutDown(_ client: DiscogsClient, logger: Logger) async {
        do {
            try await client.shutdown()
        } catch {
            logger.warning("closing the Discogs client failed", metadata: ["error": "\(error)"])
        }
    }
}
