import Discogs

/// Settings that fence what the server fetches on a caller's behalf, and the sandbox's test door.
extension Setting {
    static let imageHosts = Setting(
        name: "DISCOGS_MCP_IMAGE_HOSTS",
        defaultValue: ImageHostPolicy.discogsHosts.joined(separator: ","),
        help:
            "Comma-separated host names fetch_image may download from (Discogs' image CDN); every address such a name resolves to must be public, and the download connects to the checked address. The sandbox adds its own image host."
    )
    static let sandboxControlToken = Setting(
        name: "DISCOGS_MCP_SANDBOX_CONTROL_TOKEN",
        defaultValue: nil,
        help:
            "Sandbox mode only: a secret (≥ 16 characters) that opens the sandbox Discogs' /_sandbox/ control routes (fault injection, latency, revocations) to requests carrying it in X-Sandbox-Control; for fault and end-to-end test runs."
    )

    static let discogsBackoffSeconds = Setting(
        name: "DISCOGS_MCP_DISCOGS_BACKOFF_SECONDS",
        defaultValue: "60",
        help: "The first pause of all Discogs calls after a 429 without Retry-After (1–3600 s; consecutive 429s double it up to four times as long)."
    )
    static let discogsBreakerCooldownSeconds = Setting(
        name: "DISCOGS_MCP_DISCOGS_BREAKER_COOLDOWN_SECONDS",
        defaultValue: "900",
        help: "How long the Discogs circuit breaker stays open after consecutive 429s before one probe request may test it (1–86400 s)."
    )

    static let security: [Setting] = [imageHosts, sandboxControlToken, discogsBackoffSeconds, discogsBreakerCooldownSeconds]
}
