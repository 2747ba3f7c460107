import Foundation
import NIOSSL

/// Where the server's certificate chain and private key live (`DISCOGS_MCP_TLS_CERT`, `DISCOGS_MCP_TLS_KEY`).
struct TLSFiles: Sendable, Hashable {
    var certificatePath: String
    var keyPath: String
}

/// A certificate chain and the private key that matches its leaf, read from PEM files and proven
/// usable by building a TLS context from them.
///
/// Loading is the one check for start-up and for every SIGHUP reload, so a file a reload would
/// refuse also refuses start-up, with the same line naming the setting.
struct TLSIdentity: Sendable {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    /// The files it came from, for the reload log line.
    let files: TLSFiles

    /// Reads and checks both files; a `ConfigurationError` names the setting at fault.
    static func load(_ files: TLSFiles) throws(ConfigurationError) -> TLSIdentity {
        let chain: [NIOSSLCertificate]
        do {
            try requireReadable(files.certificatePath, setting: .tlsCertificate)
            chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(
                setting: Setting.tlsCertificate.name,
                value: files.certificatePath,
                problem: "is not a PEM certificate chain (\(error))"
            )
        }
        guard !chain.isEmpty else {
            throw ConfigurationError(setting: Setting.tlsCertificate.name, value: files.certificatePath, problem: "holds no PEM certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            try requireReadable(files.keyPath, setting: .tlsKey)
            key = try NIOSSLPrivateKey(file: files.keyPath, format: .pem)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(setting: Setting.tlsKey.name, value: files.keyPath, problem: "is not an unencrypted PEM private key (\(error))")
        }
        let identity = TLSIdentity(chain: chain, key: key, files: files)
        do {
            // BoringSSL refuses a key that does not belong to the leaf certificate here.
            _ = try NIOSSLContext(configuration: identity.serverConfiguration)
        } catch {
            throw ConfigurationError(
                setting: Setting.tlsKey.name,
                value: files.keyPath,
                problem: "does not match the certificate in \(Setting.tlsCertificate.name)=\(files.certificatePath) (\(error))"
            )
        }
        return identity
    }

    /// A server TLS configuration serving this identity (TLS 1.2 and 1.3, HTTP/1.1 by ALPN).
    var serverConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["http/1.1"]
        return configuration
    }

    /// What a handshake uses instead of the identity the listener started with.
    var override: NIOSSLContextConfigurationOverride {
        var override = NIOSSLContextConfigurationOverride()
        override.certificateChain = chain.map { .certificate($0) }
        override.privateKey = .privateKey(key)
        return override
    }

    /// The leaf's serial number in hex, for logs (not secret).
    var leafSerial: String {
        chain[0].serialNumber.map { String(format: "%02x", $0) }.joined()
    }

    private static func requireReadable(_ path: String, setting: Setting) throws(ConfigurationError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            let problem = FileManager.default.fileExists(atPath: path) ? "is not readable by this process" : "the file does not exist"
            throw ConfigurationError(setting: setting.name, value: path, problem: problem)
        }
    }
}
