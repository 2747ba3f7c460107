import Auth
import Foundation
import Transports

/// The settings that decide who a request comes from and which names the server answers for.
extension ServerConfiguration {
    /// `DISCOGS_MCP_ALLOWED_ORIGINS`: absolute http(s) origins or `*`, comma-separated.
    static func resolveOrigins(_ source: SettingsSource) throws(ConfigurationError) -> [String] {
        let origins = source.list(.allowedOrigins)
        for origin in origins where origin != "*" {
            _ = try source.url(.allowedOrigins, origin)
        }
        return origins
    }

    /// The allowed hosts, the trusted proxies and the compression threshold.
    static func resolveEdge(_ source: SettingsSource, into configuration: inout ServerConfiguration) throws(ConfigurationError) {
        configuration.allowedHosts = try allowedHosts(source[.allowedHosts] ?? "")
        configuration.trustedProxies = try trustedProxies(source[.trustedProxies] ?? "")
        let compression = try source.integer(.compressionMinBytes, in: 0...(64 << 20))
        configuration.compressionMinimumBytes = compression == 0 ? nil : compression
    }

    /// `DISCOGS_MCP_TRUSTED_PROXIES`: addresses or CIDR blocks, comma-separated.
    static func trustedProxies(_ text: String) throws(ConfigurationError) -> [IPNetwork] {
        var networks: [IPNetwork] = []
        for item in Self.list(text) {
            guard let network = IPNetwork(item) else {
                throw ConfigurationError(
                    setting: Setting.trustedProxies.name,
                    value: item,
                    problem: "must be IP addresses or CIDR blocks with zero host bits (like 127.0.0.1, 10.0.0.0/8, fd00::/8), comma-separated"
                )
            }
            networks.append(network)
        }
        return networks
    }

    /// `DISCOGS_MCP_ALLOWED_HOSTS`: bare host names or addresses, comma-separated.
    static func allowedHosts(_ text: String) throws(ConfigurationError) -> [String] {
        let hosts = Self.list(text)
        for host in hosts where !HostPolicy.isValidHostName(host) {
            throw ConfigurationError(
                setting: Setting.allowedHosts.name,
                value: host,
                problem: "must be host names or IP addresses without scheme, port or path, comma-separated"
            )
        }
        return hosts
    }

    /// `DISCOGS_MCP_CLIENT_METADATA_HOSTS`: a hosts file whose names are answered before DNS.
    static func hostsFileResolver(_ path: String) throws(ConfigurationError) -> StaticHostResolver {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(setting: Setting.clientMetadataHosts.name, value: path, problem: "cannot be read: \(error.localizedDescription)")
        }
        do {
            return try StaticHostResolver(hostsFile: text, fallback: SystemHostResolver())
        } catch {
            throw ConfigurationError(setting: Setting.clientMetadataHosts.name, value: path, problem: "\(error)")
        }
    }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The client-address rule the HTTP router applies.
    var proxies: TrustedProxies { TrustedProxies(trustedProxies) }

    /// The Host rule the HTTP router applies.
    var hostPolicy: HostPolicy { HostPolicy(publicURL: publicURL, allowedHosts: allowedHosts) }

    /// Whether `/metrics` on the main listener may trust a loopback client address.
    ///
    /// Only without trusted proxies and with a loopback public URL: behind a proxy on this
    /// machine every request arrives from loopback, so loopback proves nothing there.
    var metricsTrustsLoopback: Bool {
        trustedProxies.isEmpty && HostPolicy.isLoopbackName(publicURL.host ?? "")
    }
}
