/// The settings that bound what clients can make the server hold: connections, sessions,
/// in-flight requests, registrations, and how often stale rows are purged (issues 14 and 17).
extension Setting {
    static let maxSessionsPerPrincipal = Setting(
        name: "DISCOGS_MCP_MAX_SESSIONS_PER_PRINCIPAL",
        defaultValue: "100",
        help: "Most live sessions and open listen streams one signed-in principal may hold.",
        flag: .option("max-sessions-per-principal", valueName: "count")
    )
    static let maxSessionsPerAddress = Setting(
        name: "DISCOGS_MCP_MAX_SESSIONS_PER_ADDRESS",
        defaultValue: "100",
        help: "Most live anonymous sessions and listen streams from one client address.",
        flag: .option("max-sessions-per-address", valueName: "count")
    )
    static let signedInReservedPercent = Setting(
        name: "DISCOGS_MCP_SIGNED_IN_RESERVED_PERCENT",
        defaultValue: "20",
        help: "Share of DISCOGS_MCP_MAX_SESSIONS (0–90 %) that anonymous sessions can never take, kept for signed-in principals.",
        flag: .option("signed-in-reserved-percent", valueName: "percent")
    )
    static let anonymousSessionSeconds = Setting(
        name: "DISCOGS_MCP_ANONYMOUS_SESSION_SECONDS",
        defaultValue: "1800",
        help: "An anonymous session that never signed in ends this long after it opened, even with its stream open.",
        flag: .option("anonymous-session-seconds", valueName: "seconds")
    )
    static let maxInFlightPerSession = Setting(
        name: "DISCOGS_MCP_MAX_IN_FLIGHT_PER_SESSION",
        defaultValue: "32",
        help: "Requests of one session (or the stdio connection) that may run at once; more are answered with error 429.",
        flag: .option("max-in-flight-per-session", valueName: "count")
    )
    static let idleTimeoutSeconds = Setting(
        name: "DISCOGS_MCP_IDLE_TIMEOUT_SECONDS",
        defaultValue: "60",
        help:
            "A client connection with no request in progress (also one still sending its request headers) is closed after this long; open event streams are not cut.",
        flag: .option("idle-timeout-seconds", valueName: "seconds")
    )
    static let bodyTimeoutSeconds = Setting(
        name: "DISCOGS_MCP_BODY_TIMEOUT_SECONDS",
        defaultValue: "30",
        help: "A request's body must arrive completely within this long after its headers, else the connection is closed.",
        flag: .option("body-timeout-seconds", valueName: "seconds")
    )
    static let registrationsPerHour = Setting(
        name: "DISCOGS_MCP_REGISTRATIONS_PER_HOUR",
        defaultValue: "20",
        help: "OAuth client registrations (POST /register) per client address per hour.",
        flag: .option("registrations-per-hour", valueName: "count")
    )
    static let purgeIntervalSeconds = Setting(
        name: "DISCOGS_MCP_PURGE_INTERVAL_SECONDS",
        defaultValue: "3600",
        help: "How often expired tokens, codes, pending logins, stale response-cache entries and unused OAuth clients are deleted.",
        flag: .option("purge-interval-seconds", valueName: "seconds")
    )

    static let limits: [Setting] = [
        maxSessionsPerPrincipal, maxSessionsPerAddress, signedInReservedPercent, anonymousSessionSeconds, maxInFlightPerSession,
        idleTimeoutSeconds, bodyTimeoutSeconds, registrationsPerHour, purgeIntervalSeconds,
    ]
}
