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

    /// Reads the settings through `integer`, which validates each against its range.
    static func resolve(
        _ integer: (Setting, ClosedRange<Int>) throws(ConfigurationError) -> Int
    ) throws(ConfigurationError) -> ResourceLimits {
        var limits = ResourceLimits()
        limits.maxSessionsPerPrincipal = try integer(.maxSessionsPerPrincipal, 1...1_000_000)
        limits.maxSessionsPerAddress = try integer(.maxSessionsPerAddress, 1...1_000_000)
        limits.signedInReservedPercent = try integer(.signedInReservedPercent, 0...90)
        limits.anonymousSessionLifetime = .seconds(try integer(.anonymousSessionSeconds, 10...(30 * 86_400)))
        limits.maxInFlightPerSession = try integer(.maxInFlightPerSession, 1...10_000)
        limits.idleTimeout = .seconds(try integer(.idleTimeoutSeconds, 1...86_400))
        limits.bodyTimeout = .seconds(try integer(.bodyTimeoutSeconds, 1...86_400))
        limits.registrationsPerHour = try integer(.registrationsPerHour, 1...1_000_000)
        limits.purgeInterval = .seconds(try integer(.purgeIntervalSeconds, 10...(7 * 86_400)))
        return limits
    }
}
