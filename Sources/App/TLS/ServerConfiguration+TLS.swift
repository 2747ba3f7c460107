import Hummingbird
import HummingbirdCore
import HummingbirdTLS

extension ServerConfiguration {
    /// `DISCOGS_MCP_TLS_CERT` and `DISCOGS_MCP_TLS_KEY`: both or neither; both files are read and
    /// checked now, so a bad or mismatched pair stops start-up with one line naming the setting.
    static func resolveTLS(_ source: SettingsSource) throws(ConfigurationError) -> TLSFiles? {
        let certificate = source[.tlsCertificate]
        let key = source[.tlsKey]
        guard certificate != nil || key != nil else { return nil }
        guard let certificate, let key else {
            let missing = certificate == nil ? Setting.tlsCertificate : Setting.tlsKey
            throw ConfigurationError(setting: missing.name, value: "", problem: "DISCOGS_MCP_TLS_CERT and DISCOGS_MCP_TLS_KEY must be set together")
        }
        let files = TLSFiles(certificatePath: certificate, keyPath: key)
        _ = try TLSIdentity.load(files)
        return files
    }

    /// The main listener: HTTP/1.1, inside TLS when a certificate is configured.
    ///
    /// HTTP/2 by ALPN was not enabled: Hummingbird's HTTP/2 channel builds its TLS context once,
    /// so it would need its own reload path, and HTTP/1.1 serves SSE streams as they are.
    func httpServer(tls store: TLSCertificateStore?) throws -> HTTPServerBuilder {
        let http1 = HTTPServerBuilder.http1(configuration: limits.http1)
        guard let store else { return http1 }
        return try .tls(http1, configuration: TLSChannelConfiguration(tlsConfiguration: store.serverConfiguration))
    }
}
