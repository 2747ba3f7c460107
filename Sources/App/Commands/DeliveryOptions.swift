import ArgumentParser

/// Command-line flags of the TLS and compression settings (`Setting+Delivery.swift`).
struct DeliveryOptions: ParsableArguments {
    @Option(help: ArgumentHelp(Setting.tlsCertificate.flagHelp, valueName: "path")) var tlsCert: String?
    @Option(help: ArgumentHelp(Setting.tlsKey.flagHelp, valueName: "path")) var tlsKey: String?
    @Option(help: ArgumentHelp(Setting.compressionMinBytes.flagHelp, valueName: "bytes")) var compressionMinBytes: String?

    /// The flags that were given, keyed by setting name.
    var given: [String: String] {
        let pairs: [(Setting, String?)] = [(.tlsCertificate, tlsCert), (.tlsKey, tlsKey), (.compressionMinBytes, compressionMinBytes)]
        var result: [String: String] = [:]
        for (setting, value) in pairs {
            if let value { result[setting.name] = value }
        }
        return result
    }
}
