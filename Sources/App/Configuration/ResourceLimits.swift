import Transports

/// The resolved resource-limit settings (`Setting+Limits.swift`).
public struct ResourceLimits: Sendable {
    public var maxSessionsPerPrincipal = 100
    public var maxSessionsPerAddress = 100
    public var signedInReservedPercent = 20
    public var anonymousSessionLifetime: Duration = .seconds(1800)
    public var maxInFlightPerSession = 32
    /// nil leaves Hummingbird's idle timeout off (tests that never idle).
    public var idleTimeout: Duration? = .seconds(60)
    public var bodyTimeout: Duration? = .seconds(30)
    public var registrationsPerHour = 20
    public var purgeInterval: Duration = .seconds(3600)

    public init() {}

    /// The registry's caps; the reserved share is rounded down (at least one place when the percent is not 0).
    func sessionLimits(maximumSessions: Int) -> SessionLimits {
        let reserved = signedInReservedPercent == 0 ? 0 : max(1, maximumSessions * signedInReservedPercent / 100)
        return SessionLimits(
            perPrincipal: maxSessionsPerPrincipal,
            perAddress: maxSessionsPerAddress,
            reservedForSignedIn: reserved,
            anonymousLifetime: anonymousSessionLifetime
        )
    }

    /// Reads and range-checks the resource-limit settings (the parser of their group).
    static func resolve(_ source: SettingsSource) throws(ConfigurationError) -> ResourceLimits {
        var limits = ResourceLimits()
        limits.maxSessionsPerPrincipal = try source.integer(.maxSessionsPerPrincipal, in: 1...1_000_000)
        limits.maxSessionsPerAddress = try source.integer(.maxSessionsPerAddress, in: 1...1_000_000)
        limits.signedInReservedPercent = try source.integer(.signedInReservedPercent, in: 0...90)
        limits.anonymousSessionLifetime = .seconds(try source.integer(.anonymousSessionSeconds, in: 10...(30 * 86_400)))
        limits.maxInFlightPerSession = try source.integer(.maxInFlightPerSession, in: 1...10_000)
        limits.idleTimeout = .seconds(try source.integer(.idleTimeoutSeconds, in: 1...86_400))
        limits.bodyTimeout = .seconds(try source.integer(.bodyTimeoutSeconds, in: 1...86_400))
        limits.registrationsPerHour = try source.integer(.registrationsPerHour, in: 1...1_000_000)
        limits.purgeInterval = .seconds(try source.integer(.purgeIntervalSeconds, in: 10...(7 * 86_400)))
        return limits
    }
}
