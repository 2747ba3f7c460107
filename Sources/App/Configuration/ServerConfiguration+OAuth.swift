import Foundation

/// The parser of the OAuth server's settings: token lifetimes, client metadata documents and the
/// OpenID configuration alias.
extension ServerConfiguration {
    /// `DISCOGS_MCP_ACCESS_TOKEN_SECONDS`, `_REFRESH_TOKEN_DAYS`, `_CLIENT_METADATA_DOCUMENTS`,
    /// `_CLIENT_METADATA_HOSTS` and `_OPENID_CONFIGURATION`.
    static func resolveOAuth(_ source: SettingsSource, into configuration: inout ServerConfiguration) throws(ConfigurationError) {
        configuration.accessTokenLifetime = TimeInterval(try source.integer(.accessTokenSeconds, in: 60...86_400))
        configuration.refreshTokenLifetime = TimeInterval(try source.integer(.refreshTokenDays, in: 1...365) * 86_400)
        configuration.clientMetadataDocuments = try source.boolean(.clientMetadataDocuments, spelled: "on or off")
        if let path = source[.clientMetadataHosts] {
            configuration.clientMetadataResolver = try hostsFileResolver(path)
        }
        configuration.openIDConfiguration = try source.boolean(.openIDConfiguration, spelled: "on or off")
    }
}
