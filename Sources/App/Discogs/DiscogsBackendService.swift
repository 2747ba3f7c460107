import Auth
import Discogs
import DiscogsSandbox
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

    func run() async throws {
        try? await gracefulShutdown()
        try? await documents?.shutdown()
        try? await client.shutdown()
        await backend.sandbox?.stop()
    }
}
