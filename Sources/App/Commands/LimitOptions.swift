import ArgumentParser

/// Command-line slots of the resource-limit settings (`Setting+Limits.swift`; see `SettingOptions`).
struct LimitOptions: ParsableArguments {
    @Option(.maxSessionsPerPrincipal) var maxSessionsPerPrincipal: String?
    @Option(.maxSessionsPerAddress) var maxSessionsPerAddress: String?
    @Option(.signedInReservedPercent) var signedInReservedPercent: String?
    @Option(.anonymousSessionSeconds) var anonymousSessionSeconds: String?
    @Option(.maxInFlightPerSession) var maxInFlightPerSession: String?
    @Option(.idleTimeoutSeconds) var idleTimeoutSeconds: String?
    @Option(.bodyTimeoutSeconds) var bodyTimeoutSeconds: String?
    @Option(.registrationsPerHour) var registrationsPerHour: String?
    @Option(.purgeIntervalSeconds) var purgeIntervalSeconds: String?
}
