import Discogs
import DiscogsSandbox
import Tools

/// The parsers of the Discogs settings: credentials and URLs, the sandbox, the index refresher and
/// the toolsets served.
extension ServerConfiguration {
    /// The Discogs credentials (consumer key and secret together, or a personal token), URLs,
    /// User-Agent and the governor's budget.
    static func resolveDiscogs(_ source: SettingsSource) throws(ConfigurationError) -> DiscogsConfiguration {
        let consumerKey = source[.consumerKey]
        let consumerSecret = source[.consumerSecret]
        if (consumerKey == nil) != (consumerSecret == nil) {
            let missing = consumerKey == nil ? Setting.consumerKey : Setting.consumerSecret
            throw ConfigurationError(
                setting: missing.name,
                value: "",
                problem: "DISCOGS_CONSUMER_KEY and DISCOGS_CONSUMER_SECRET must be set together"
            )
        }
        let upstreamPerMinute = try source.integer(.discogsRequestsPerMinute, in: 1...1_000_000)
        return DiscogsConfiguration(
            apiURL: try source.url(.apiURL, source.text(.apiURL)),
            webURL: try source.url(.webURL, source.text(.webURL)),
            userAgent: source[.userAgent] ?? "\(name)/\(version) +https://github.com/discogs-mcp/discogs-mcp",
            consumerKey: consumerKey,
            consumerSecret: consumerSecret,
            personalToken: source[.token],
            governor: GovernorConfiguration(
                authenticatedLimit: upstreamPerMinute,
                anonymousLimit: max(1, upstreamPerMinute * 25 / 60),
                backgroundReserve: max(1, upstreamPerMinute / 6),
                windowSlack: .seconds(2)
            )
        )
    }

    /// The sandbox (`auto` follows the credentials), its size and port, the background refresh
    /// interval and `DISCOGS_MCP_TOOLSETS`.
    static func resolveCatalogue(_ source: SettingsSource, into configuration: inout ServerConfiguration) throws(ConfigurationError) {
        // The sandbox's own personal token is not a Discogs credential: with it (the README's
        // single-user recipe) `auto` still means the sandbox, so nothing waits on api.discogs.com.
        let hasCredentials = configuration.discogs.consumerKey != nil || source[.token].map { $0 != SampleAccount.personalToken } == true
        switch source.text(.sandbox).lowercased() {
        case "auto": configuration.sandbox = hasCredentials ? nil : SandboxSettings()
        case "on", "true", "1", "yes": configuration.sandbox = SandboxSettings()
        case "off", "false", "0", "no": configuration.sandbox = nil
        case let other: throw ConfigurationError(setting: Setting.sandbox.name, value: other, problem: "must be auto, on or off")
        }
        configuration.sandbox?.collectionSize = try source.integer(.sandboxCollectionSize, in: 0...20_000)
        configuration.sandbox?.port = try source.integer(.sandboxPort, in: 0...65535)
        guard let budget = DiscogsBudgetMode(rawValue: source.text(.discogsBudget).lowercased()) else {
            throw ConfigurationError(
                setting: Setting.discogsBudget.name,
                value: source.text(.discogsBudget),
                problem: "must be shared or per-instance"
            )
        }
        configuration.discogsBudget = budget
        let refresh = try source.integer(.collectionRefreshSeconds, in: 0...(30 * 86_400))
        configuration.collectionRefreshInterval = refresh == 0 ? nil : .seconds(refresh)
        switch Toolset.parse(source.text(.toolsets)) {
        case .success(let toolsets): configuration.toolsets = toolsets
        case .failure(let unknown):
            throw ConfigurationError(setting: Setting.toolsets.name, value: source.text(.toolsets), problem: unknown.description)
        }
    }
}

/// `DISCOGS_MCP_DISCOGS_BUDGET`: one Discogs budget for a fleet on PostgreSQL, or one per instance.
public enum DiscogsBudgetMode: String, Sendable, CaseIterable {
    case shared
    case perInstance = "per-instance"
}
