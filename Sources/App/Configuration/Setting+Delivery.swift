/// How responses reach clients: built-in TLS and compression (issue 12).
extension Setting {
    static let tlsCertificate = Setting(
        name: "DISCOGS_MCP_TLS_CERT",
        defaultValue: nil,
        help: "PEM file of the server's certificate chain (leaf first); with DISCOGS_MCP_TLS_KEY the server speaks HTTPS itself. Re-read on SIGHUP.",
        flag: .option("tls-cert", valueName: "path")
    )
    static let tlsKey = Setting(
        name: "DISCOGS_MCP_TLS_KEY",
        defaultValue: nil,
        help: "PEM file of the private key matching DISCOGS_MCP_TLS_CERT (keep it 0600). Re-read on SIGHUP.",
        flag: .option("tls-key", valueName: "path")
    )
    static let compressionMinBytes = Setting(
        name: "DISCOGS_MCP_COMPRESSION_MIN_BYTES",
        defaultValue: "1024",
        help:
            "JSON answers at least this large are sent gzip- or deflate-compressed when the client's Accept-Encoding allows (never SSE streams); 0 turns compression off.",
        flag: .option("compression-min-bytes", valueName: "bytes")
    )

    static let delivery: [Setting] = [tlsCertificate, tlsKey, compressionMinBytes]
}
