/// How responses reach clients: built-in TLS and compression (issue 12).
extension Setting {
    static let tlsCertificate = Setting(
        name: "DISCOGS_MCP_TLS_CERT",
        defaultValue: nil,
        help: "PEM file of the server's certificate chain (leaf first); with DISCOGS_MCP_TLS_KEY the server speaks HTTPS itself. Re-read on SIGHUP."
    )
    static let tlsKey = Setting(
        name: "DISCOGS_MCP_TLS_KEY",
        defaultValue: nil,
        help: "PEM file of the private key matching DISCOGS_MCP_TLS_CERT (keep it 0600). Re-read on SIGHUP."
    )
    static let delivery: [Setting] = [tlsCertificate, tlsKey]
}
