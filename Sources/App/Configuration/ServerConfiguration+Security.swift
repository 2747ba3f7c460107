import Foundation
import Discogs

extension ServerConfiguration {
    /// Reads the image-host allow-list and the sandbox control token.
    static func resolveSecurity(_ source: SettingsSource, into configuration: inout ServerConfiguration) throws(ConfigurationError) {
        let text = source[.imageHosts] ?? ""
        let hosts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        for host in hosts where !ImageHostPolicy.isHostName(host) {
            throw ConfigurationError(setting: Setting.imageHosts.name, value: host, problem: "must be host names without scheme, port or path, comma-separated")
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
