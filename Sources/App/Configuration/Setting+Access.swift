/// Who may use the server and with which permissions (issue 9, issue 14, issue 17).
extension Setting {
    static let defaultScopes = Setting(
        name: "DISCOGS_MCP_DEFAULT_SCOPES",
        defaultValue: "read write marketplace",
        help:
            "Scopes the 401 challenge, a scope-less authorization and the SSE login link ask for (space- or comma-separated; read is required). The person still chooses on the consent page.",
        flag: .option("default-scopes", valueName: "scopes")
    )
    static let allowedUsers = Setting(
        name: "DISCOGS_MCP_ALLOWED_USERS",
        defaultValue: "",
        help: "Comma-separated Discogs usernames that may sign in (case-insensitive); empty lets anyone sign in.",
        flag: .option("allowed-users", valueName: "usernames")
    )
    static let accessKey = Setting(
        name: "DISCOGS_MCP_ACCESS_KEY",
        defaultValue: nil,
        help: "With DISCOGS_TOKEN: a static bearer (≥ 32 characters) every HTTP request must carry, which lets single-user HTTP bind beyond loopback."
    )
    static let loginLinkSeconds = Setting(
        name: "DISCOGS_MCP_LOGIN_LINK_SECONDS",
        defaultValue: "600",
        help: "How long an anonymous SSE session's login link works (1–600 s).",
        flag: .option("login-link-seconds", valueName: "seconds")
    )
    static let loginStartsPerHour = Setting(
        name: "DISCOGS_MCP_LOGIN_STARTS_PER_HOUR",
        defaultValue: "20",
        help: "Discogs logins one address may start per hour (each costs a Discogs request); more get 429.",
        flag: .option("login-starts-per-hour", valueName: "count")
    )
}
