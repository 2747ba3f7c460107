import ArgumentParser
import Foundation

/// Command-line flags for every setting that may appear on a command line.
///
/// ArgumentParser finds options only in stored properties, so each flag has a one-line slot here
/// (or in `LimitOptions`, `DeliveryOptions`) whose name, value name and help come from its
/// `Setting`; the slot's property name links it to that declaration (`Setting.declaration(ofSlot:)`),
/// and `SettingsTableTests` checks that every flag has exactly one slot. Each flag overrides the
/// environment variable and the config file entry of the same setting.
struct SettingOptions: ParsableArguments {
    @Option(.configFile) var config: String?
    @Option(.host) var host: String?
    @Option(.port) var port: String?
    @Option(.publicURL) var publicURL: String?
    @Option(.database) var database: String?
    @Option(.allowedOrigins) var allowedOrigins: String?
    @Option(.allowedHosts) var allowedHosts: String?
    @Option(.trustedProxies) var trustedProxies: String?
    @Option(.maxBodyBytes) var maxBodyBytes: String?
    @Option(.maxSessions) var maxSessions: String?
    @Option(.sessionIdleSeconds) var sessionIdleSeconds: String?
    @Option(.keepAliveSeconds) var keepAliveSeconds: String?
    @Option(.logLevel) var logLevel: String?
    @Option(.logFormat) var logFormat: String?
    @Option(.logRetentionDays) var logRetentionDays: String?
    @Option(.logMaxRows) var logMaxRows: String?
    @Option(.metricsEnabled) var metricsEnabled: String?
    @Option(.metricsPort) var metricsPort: String?
    @Option(.rateLimit) var rateLimitPerMinute: String?
    @Option(.toolCallLimit) var toolCallsPerMinute: String?
    @Option(.ipRateLimit) var ipRateLimitPerMinute: String?
    @Option(.shutdownGraceSeconds) var shutdownGraceSeconds: String?
    @Option(.apiURL) var discogsAPIURL: String?
    @Option(.webURL) var discogsWebURL: String?
    @Option(.userAgent) var userAgent: String?
    @Option(.discogsRequestsPerMinute) var discogsRequestsPerMinute: String?
    @Option(.discogsBudget) var discogsBudget: String?
    @Flag(.sandbox) var sandbox: Bool?
    @Option(.sandboxCollectionSize) var sandboxCollectionSize: String?
    @Option(.sandboxPort) var sandboxPort: String?
    @Option(.collectionRefreshSeconds) var collectionRefreshSeconds: String?
    @Option(.toolsets) var toolsets: String?
    @Option(.defaultScopes) var defaultScopes: String?
    @Option(.allowedUsers) var allowedUsers: String?
    @Option(.loginLinkSeconds) var loginLinkSeconds: String?
    @Option(.loginStartsPerHour) var loginStartsPerHour: String?
    @OptionGroup var limits: LimitOptions
    @OptionGroup var delivery: DeliveryOptions

    /// The flags that were given, keyed by setting name.
    var given: [String: String] {
        [Self.given(in: self), Self.given(in: limits), Self.given(in: delivery)].reduce(into: [:]) { result, group in
            result.merge(group) { first, _ in first }
        }
    }

    /// The given flags among `group`'s slots, keyed by the name of the setting each stands for.
    static func given(in group: some ParsableArguments) -> [String: String] {
        var result: [String: String] = [:]
        for (label, value) in slots(of: group) {
            guard let value, let setting = Setting.declaration(ofSlot: label) else { continue }
            result[setting.name] = value
        }
        return result
    }

    /// Every option and toggle slot of `group` by property name, with its value (`on`/`off` for toggles).
    static func slots(of group: some ParsableArguments) -> [(label: String, value: String?)] {
        Mirror(reflecting: group).children.compactMap { child in
            guard let label = child.label else { return nil }
            if let option = child.value as? Option<String?> { return (label, option.wrappedValue) }
            if let toggle = child.value as? Flag<Bool?> { return (label, toggle.wrappedValue.map { $0 ? "on" : "off" }) }
            return nil
        }
    }

    /// Resolves the configuration, or prints the offending setting to stderr and exits non-zero.
    /// `stdio` picks the stdio command's default data folder.
    func resolve(stdio: Bool = false) throws -> ServerConfiguration {
        do {
            return try ServerConfiguration.resolve(flags: given, environment: ProcessInfo.processInfo.environment, stdio: stdio)
        } catch {
            StandardError.print("discogs-mcp: \(error)")
            throw ExitCode(78)
        }
    }
}
