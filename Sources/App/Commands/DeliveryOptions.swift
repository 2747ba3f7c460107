import ArgumentParser

/// Command-line slots of the TLS and compression settings (`Setting+Delivery.swift`; see `SettingOptions`).
struct DeliveryOptions: ParsableArguments {
    @Option(.tlsCertificate) var tlsCert: String?
    @Option(.tlsKey) var tlsKey: String?
    @Option(.compressionMinBytes) var compressionMinBytes: String?
}
