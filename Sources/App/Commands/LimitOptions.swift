import ArgumentParser

/// Command-line flags of the resource-limit settings (`Setting+Limits.swift`).
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp(Setting.maxSessionsPerPrincipal.flagHelp, valueName: "count")) var maxSessionsPerPrincipal: String?
    @Option(help: ArgumentHelp(Setting.maxSessionsPerAddress.flagHelp, valueName: "count")) var maxSessionsPerAddress: String?
    @Option(help: ArgumentHelp(Setting.signedInReservedPercent.flagHelp, valueName: "percent")) var signedInReservedPercent: String?
    @Option(help: ArgumentHelp(Setting.anonymousSessionSeconds.flagHelp, valueName: "seconds")) var anonymousSessionSeconds: String?
    @Option(help: ArgumentHelp(Setting.maxInFlightPerSession.flagHelp, valueName: "count")) var maxInFlightPerSession: String?
    @Option(help: ArgumentHelp(Setting.idleTimeoutSeconds.flagHelp, valueName: "seconds")) var idleTimeoutSeconds: String?
    @Option(help: ArgumentHelp(Setting.bodyTimeoutSeconds.flagHelp, valueName: "seconds")) var bodyTimeoutSeconds: String?
    @Option(help: ArgumentHelp(Setting.registrationsPerHour.flagHelp, valueName: "count")) var registrationsPerHour: String?
    @Option(help: ArgumentHelp(Setting.purgeIntervalSeconds.flagHelp, valueName: "seconds")) var purgeIntervalSeconds: String?

    /// The flags that were given, keyed by setting name.
    var given: [String: String] {
        let pairs: [(Setting, String?)] = [
            (.maxSessionsPerPrincipal, maxSessionsPerPrincipal), (.maxSessionsPerAddress, maxSessionsPerAddress),
            (.signedInReservedPercent, signedInReservedPercent), (.anonymousSessionSeconds, anonymousSessionSeconds),
            (.maxInFlightPerSession, maxInFlightPerSession), (.idleTimeoutSeconds, idleTimeoutSeconds), (.bodyTimeoutSeconds, bodyTimeoutSeconds),
            (.registrationsPerHour, registrationsPerHour), (.purgeIntervalSeconds, purgeIntervalSeconds),
        ]
        var result: [String: String] = [:]
        for (setting, value) in pairs {
            if let value { result[setting.name] = value }
        }
        return result
    }
}
