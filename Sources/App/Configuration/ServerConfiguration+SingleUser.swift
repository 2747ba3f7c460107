import Discogs

/// Refuses start-ups that would hand the operator's Discogs account to anyone who can connect.
///
/// With only `DISCOGS_TOKEN` every request acts as that account without sign-in, so the server
/// may listen beyond loopback only when `DISCOGS_MCP_ACCESS_KEY` guards every request. The
/// error names both ways out in one line (exit code 78 through `ConfigurationError`).
func checkSingleUserExposure(_ configuration: ServerConfiguration) throws {
    let personal = configuration.discogs.personalToken != nil
    if personal, !configuration.bindsLoopbackOnly, configuration.access.accessKey == nil {
        throw ConfigurationError(
            setting: Setting.host.name,
            value: configuration.host,
            problem:
                "with DISCOGS_TOKEN the server acts as that one Discogs account without sign-in, so it listens on loopback only; either set DISCOGS_MCP_ACCESS_KEY (at least 32 characters, sent by clients as a bearer token) to bind this address, or bind 127.0.0.1 (or configure DISCOGS_CONSUMER_KEY/SECRET so people sign in with OAuth)"
        )
    }
    if !personal, configuration.access.accessKey != nil {
        throw ConfigurationError(
            setting: Setting.accessKey.name,
            value: "(set)",
            problem: "applies only with DISCOGS_TOKEN (single-user mode); with OAuth each person signs in instead, so unset it"
        )
    }
}
