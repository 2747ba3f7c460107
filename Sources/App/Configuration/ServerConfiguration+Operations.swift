import Transports

/// The parser of the operations settings: metrics, inbound rate limits and the shutdown grace.
extension ServerConfiguration {
    /// `DISCOGS_MCP_METRICS_*`, the three inbound rate limits and `DISCOGS_MCP_SHUTDOWN_GRACE_SECONDS`.
    static func resolveOperations(_ source: SettingsSource, into configuration: inout ServerConfiguration) throws(ConfigurationError) {
        let metricsPort = try source[.metricsPort].map { _ throws(ConfigurationError) in try source.integer(.metricsPort, in: 1...65535) }
        if let metricsPort, metricsPort == configuration.port {
            throw ConfigurationError(setting: Setting.metricsPort.name, value: String(metricsPort), problem: "must differ from DISCOGS_MCP_PORT")
        }
        configuration.metricsPort = metricsPort
        configuration.rateLimits = try resolveRateLimits(source)
        configuration.metricsToken = source[.metricsToken]
        configuration.metricsEnabled = try source.boolean(.metricsEnabled, spelled: "true or false")
        configuration.shutdownGrace = .seconds(try source.integer(.shutdownGraceSeconds, in: 0...3600))
    }

    /// The per-principal, per-tool-call, per-client and per-address buckets; nil when the
    /// per-principal limit is 0 (inbound limits off).
    static func resolveRateLimits(_ source: SettingsSource) throws(ConfigurationError) -> RateLimitPolicies? {
        let perMinute = try source.integer(.rateLimit, in: 0...1_000_000)
        let toolCalls = try source.integer(.toolCallLimit, in: 1...1_000_000)
        let perIP = try source.integer(.ipRateLimit, in: 1...1_000_000)
        guard perMinute != 0 else { return nil }
        return RateLimitPolicies(
            principal: RateLimitPolicy(perMinute: perMinute, burst: max(1, perMinute / 5)),
            toolCalls: RateLimitPolicy(perMinute: toolCalls, burst: max(1, toolCalls / 4)),
            client: RateLimitPolicy(perMinute: perMinute * 2, burst: max(1, perMinute * 2 / 5)),
            ip: RateLimitPolicy(perMinute: perIP, burst: max(1, perIP / 5))
        )
    }
}
