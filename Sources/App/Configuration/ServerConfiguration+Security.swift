import Discogs
import Foundation

extension ServerConfiguration {
    /// Reads the image-host allow-list, the sandbox control token and the governor's pauses.
    static func resolveSecurity(_ source: SettingsSource, into configuration: inout ServerConfiguration) throws(ConfigurationError) {
        let backoff = try source.seconds(.discogsBackoffSeconds, in: 1...3600)
        configuration.discogs.governor.backoffBase = .seconds(backoff)
        configuration.discogs.governor.backoffMax = .seconds(backoff * 4)
        configuration.discogs.governor.breakerCooldown = .seconds(try source.seconds(.discogsBreakerCooldownSeconds, in: 1...86_400))
        let text = source[.imageHosts] ?? ""
        let hosts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        for host in hosts where !ImageHostPolicy.isHostName(host) {
            throw ConfigurationError(
                setting: Setting.imageHosts.name,
                value: host,
                problem: "must be host names without scheme, port or path, comma-separated"
            )
        }
        configuration.imageHosts = hosts
        if let token = source[.sandboxControlToken] {
            guard token.count >= 16 else {
                throw ConfigurationError(setting: Setting.sandboxControlToken.name, value: "(hidden)", problem: "must be at least 16 characters")
            }
            configuration.sandbox?.controlToken = token
        }
    }
}
