extension ServerConfiguration {
    /// Reads the sandbox control token.
    static func resolveSecurity(_ source: SettingsSource, into configuration: inout ServerConfiguration) throws(ConfigurationError) {
        if let token = source[.sandboxControlToken] {
            guard token.count >= 16 else {
                throw ConfigurationError(setting: Setting.sandboxControlToken.name, value: "(hidden)", problem: "must be at least 16 characters")
            }
            configuration.sandbox?.controlToken = token
        }
    }
}
