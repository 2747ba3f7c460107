/// One configuration setting: its environment name, its default, what it means and its flag.
///
/// This declaration is the only one of a setting: loading reads `Setting.all`, the command line's
/// options take their name, value name and `--help` text from `flag` and `help` (`SettingOptions`
/// holds one slot per flag, matched to its declaration by name), and the README's table is checked
/// against `name`, `flag` and `readmeDefault` by `SettingsTableTests`. Secrets have no flag: a
/// command line is visible to every user of the machine.
struct Setting: Sendable, Hashable {
    /// How a setting is given on the command line.
    enum Flag: Sendable, Hashable {
        /// No flag: secrets, and settings meant for the environment or the config file only.
        case none
        /// `--long VALUE`; `valueName` is what `--help` shows for VALUE (nil: the flag's own name).
        case option(String, valueName: String?)
        /// `--long` / `--no-long`, resolving to `on` / `off`.
        case toggle(String)
    }

    let name: String
    let defaultValue: String?
    let help: String
    var flag: Flag = .none
    /// The README's Default column when it says more than `defaultValue` (derived defaults).
    var documentedDefault: String?

    static let host = Setting(
        name: "DISCOGS_MCP_HOST",
        defaultValue: "127.0.0.1",
        help: "Address the HTTP server binds to.",
        flag: .option("host", valueName: nil)
    )
    static let port = Setting(
        name: "DISCOGS_MCP_PORT",
        defaultValue: "8080",
        help: "TCP port of the HTTP server (1–65535).",
        flag: .option("port", valueName: nil)
    )
    static let publicURL = Setting(
        name: "DISCOGS_MCP_PUBLIC_URL",
        defaultValue: nil,
        help: "Base of every URL the server advertises (default http://HOST:PORT); set it behind a proxy or TLS terminator.",
        flag: .option("public-url", valueName: "url"),
        documentedDefault: "`http://HOST:PORT` (`https://HOST:PORT` with TLS on)"
    )
    static let database = Setting(
        name: "DISCOGS_MCP_DATABASE",
        defaultValue: "./data/discogs-mcp.sqlite",
        help:
            "SQLite database file, or a postgres:// URL for PostgreSQL (then DISCOGS_MCP_SECRET is required). A file's folder (created 0700) also holds the generated server secret. stdio without this setting and without a ./config folder uses $XDG_DATA_HOME/discogs-mcp (else ~/.local/share/discogs-mcp).",
        flag: .option("database", valueName: "path"),
        documentedDefault: "`./data/discogs-mcp.sqlite` (stdio: see below)"
    )
    static let secret = Setting(
        name: "DISCOGS_MCP_SECRET",
        defaultValue: nil,
        help: "Server secret (≥ 32 characters) keying encryption at rest; generated into the data folder, with a warning, when absent.",
        documentedDefault: "generated"
    )
    static let allowedOrigins = Setting(
        name: "DISCOGS_MCP_ALLOWED_ORIGINS",
        defaultValue: "",
        help: "Comma-separated browser Origins allowed besides the public URL's own origin and (when the server binds loopback) loopback origins.",
        flag: .option("allowed-origins", valueName: "origins")
    )
    static let allowedHosts = Setting(
        name: "DISCOGS_MCP_ALLOWED_HOSTS",
        defaultValue: "",
        help:
            "Comma-separated host names the server answers for besides the public URL's host and loopback names (the Host header, port ignored); other Hosts get 421.",
        flag: .option("allowed-hosts", valueName: "hosts")
    )
    static let trustedProxies = Setting(
        name: "DISCOGS_MCP_TRUSTED_PROXIES",
        defaultValue: "",
        help:
            "Comma-separated addresses or CIDR blocks of reverse proxies whose X-Forwarded-For (or else Forwarded) header names the client; that address feeds rate limits and logs, and /metrics then needs its token or port.",
        flag: .option("trusted-proxies", valueName: "addresses")
    )
    static let maxBodyBytes = Setting(
        name: "DISCOGS_MCP_MAX_BODY_BYTES",
        defaultValue: "1048576",
        help: "Largest accepted request body (and stdio line) in bytes; larger ones get 413.",
        flag: .option("max-body-bytes", valueName: "bytes")
    )
    static let maxSessions = Setting(
        name: "DISCOGS_MCP_MAX_SESSIONS",
        defaultValue: "10000",
        help: "Most live MCP sessions (Streamable HTTP and SSE) held at once.",
        flag: .option("max-sessions", valueName: "count")
    )
    static let sessionIdleSeconds = Setting(
        name: "DISCOGS_MCP_SESSION_IDLE_SECONDS",
        defaultValue: "3600",
        help: "A session without requests or an open stream for this long expires.",
        flag: .option("session-idle-seconds", valueName: "seconds")
    )
    static let keepAliveSeconds = Setting(
        name: "DISCOGS_MCP_KEEP_ALIVE_SECONDS",
        defaultValue: "15",
        help: "Interval of the keep-alive comments on open SSE streams.",
        flag: .option("keep-alive-seconds", valueName: "seconds")
    )
    static let logLevel = Setting(
        name: "DISCOGS_MCP_LOG_LEVEL",
        defaultValue: "info",
        help: "Least severe log level written to stderr: trace, debug, info, notice, warning, error, critical.",
        flag: .option("log-level", valueName: "level")
    )
    static let logFormat = Setting(
        name: "DISCOGS_MCP_LOG_FORMAT",
        defaultValue: "json",
        help: "Format of log lines on stderr: json or logfmt.",
        flag: .option("log-format", valueName: "format")
    )
    static let logRetentionDays = Setting(
        name: "DISCOGS_MCP_LOG_RETENTION_DAYS",
        defaultValue: "7",
        help: "Days log events are kept in the database's log table.",
        flag: .option("log-retention-days", valueName: "days")
    )
    static let logMaxRows = Setting(
        name: "DISCOGS_MCP_LOG_MAX_ROWS",
        defaultValue: "100000",
        help: "Most log events kept in the database's log table.",
        flag: .option("log-max-rows", valueName: "rows")
    )
    static let metricsToken = Setting(
        name: "DISCOGS_MCP_METRICS_TOKEN",
        defaultValue: nil,
        help:
            "Bearer token that lets non-loopback clients scrape /metrics on the main listener (every client there when proxies are trusted or the public URL is not loopback)."
    )
    static let metricsEnabled = Setting(
        name: "DISCOGS_MCP_METRICS_ENABLED",
        defaultValue: "true",
        help: "Record and serve metrics (true/false); off exists to measure what metrics cost.",
        flag: .option("metrics-enabled", valueName: "bool")
    )
    static let metricsPort = Setting(
        name: "DISCOGS_MCP_METRICS_PORT",
        defaultValue: nil,
        help: "Serve /metrics on its own listener at this port (same host) instead of the main one.",
        flag: .option("metrics-port", valueName: "port")
    )
    static let rateLimit = Setting(
        name: "DISCOGS_MCP_RATE_LIMIT_PER_MINUTE",
        defaultValue: "600",
        help: "MCP requests per minute per signed-in principal (burst: a fifth of it); 0 turns inbound limits off.",
        flag: .option("rate-limit-per-minute", valueName: "count")
    )
    static let toolCallLimit = Setting(
        name: "DISCOGS_MCP_TOOL_CALLS_PER_MINUTE",
        defaultValue: "120",
        help: "Tool calls per minute per principal (burst: a quarter of it).",
        flag: .option("tool-calls-per-minute", valueName: "count")
    )
    static let ipRateLimit = Setting(
        name: "DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE",
        defaultValue: "300",
        help: "Requests per minute per IP address for unauthenticated traffic (anonymous MCP, sign-in endpoints).",
        flag: .option("ip-rate-limit-per-minute", valueName: "count")
    )
    static let shutdownGraceSeconds = Setting(
        name: "DISCOGS_MCP_SHUTDOWN_GRACE_SECONDS",
        defaultValue: "10",
        help: "On SIGTERM/SIGINT, how long in-flight calls may take to finish before they are cancelled; a second signal exits at once.",
        flag: .option("shutdown-grace-seconds", valueName: "seconds")
    )
    static let consumerKey = Setting(
        name: "DISCOGS_CONSUMER_KEY",
        defaultValue: nil,
        help: "Discogs OAuth consumer key; with the secret, users sign in with their own Discogs accounts."
    )
    static let consumerSecret = Setting(name: "DISCOGS_CONSUMER_SECRET", defaultValue: nil, help: "Discogs OAuth consumer secret.")
    static let token = Setting(
        name: "DISCOGS_TOKEN",
        defaultValue: nil,
        help: "Discogs personal access token: single-user mode (stdio, or HTTP on a loopback address only unless DISCOGS_MCP_ACCESS_KEY is set)."
    )
    static let apiURL = Setting(
        name: "DISCOGS_API_URL",
        defaultValue: "https://api.discogs.com",
        help: "Discogs API base URL.",
        flag: .option("discogs-api-url", valueName: "url")
    )
    static let webURL = Setting(
        name: "DISCOGS_WEB_URL",
        defaultValue: "https://www.discogs.com",
        help: "Discogs website base URL (where users authorize the login).",
        flag: .option("discogs-web-url", valueName: "url")
    )
    static let userAgent = Setting(
        name: "DISCOGS_USER_AGENT",
        defaultValue: nil,
        help: "User-Agent sent to Discogs (default discogs-mcp/VERSION +repository URL).",
        flag: .option("user-agent", valueName: "text"),
        documentedDefault: "`discogs-mcp/VERSION +URL`"
    )
    static let discogsRequestsPerMinute = Setting(
        name: "DISCOGS_MCP_DISCOGS_REQUESTS_PER_MINUTE",
        defaultValue: "60",
        help:
            "The whole process's budget of authenticated Discogs requests per moving minute (Discogs allows 60 per IP; anonymous calls get 25/60 of it). The sandbox enforces the same figure.",
        flag: .option("discogs-requests-per-minute", valueName: "count")
    )
    static let discogsBudget = Setting(
        name: "DISCOGS_MCP_DISCOGS_BUDGET",
        defaultValue: "shared",
        help:
            "shared or per-instance: on PostgreSQL, whether the instances on one database share one Discogs budget (DISCOGS_MCP_DISCOGS_REQUESTS_PER_MINUTE for the whole fleet, counted in the database) or each spends its own. One SQLite instance is its own fleet either way.",
        flag: .option("discogs-budget", valueName: "mode")
    )
    static let sandbox = Setting(
        name: "DISCOGS_MCP_SANDBOX",
        defaultValue: "auto",
        help:
            "auto, on or off. The sandbox is a generated Discogs account served in-process on loopback; auto uses it when no Discogs credentials are set (DISCOGS_TOKEN=sandbox-personal-token is the sandbox's own token, not a credential). With that token it runs single-user, otherwise users sign in through its OAuth pages.",
        flag: .toggle("sandbox")
    )
    static let sandboxCollectionSize = Setting(
        name: "DISCOGS_MCP_SANDBOX_COLLECTION_SIZE",
        defaultValue: "300",
        help: "How many releases the sandbox account's collection holds (0–20000).",
        flag: .option("sandbox-collection-size", valueName: "count")
    )
    static let sandboxPort = Setting(
        name: "DISCOGS_MCP_SANDBOX_PORT",
        defaultValue: "0",
        help: "Loopback port of the sandbox Discogs (0 picks a free one; the address is logged at start-up).",
        flag: .option("sandbox-port", valueName: "port")
    )
    static let collectionRefreshSeconds = Setting(
        name: "DISCOGS_MCP_COLLECTION_REFRESH_SECONDS",
        defaultValue: "3600",
        help:
            "How old a user's collection index may get before the background refresher checks Discogs for changes (0 turns background refresh off).",
        flag: .option("collection-refresh-seconds", valueName: "seconds")
    )
    static let accessTokenSeconds = Setting(
        name: "DISCOGS_MCP_ACCESS_TOKEN_SECONDS",
        defaultValue: "3600",
        help: "Lifetime of the OAuth access tokens this server issues (60–86400 s); clients refresh them."
    )
    static let refreshTokenDays = Setting(
        name: "DISCOGS_MCP_REFRESH_TOKEN_DAYS",
        defaultValue: "30",
        help: "Lifetime of OAuth refresh tokens (1–365 days); each refresh rotates the token."
    )
    static let clientMetadataDocuments = Setting(
        name: "DISCOGS_MCP_CLIENT_METADATA_DOCUMENTS",
        defaultValue: "on",
        help:
            "on or off: accept https client_id URLs (Client ID Metadata Documents), fetched with a 5 s timeout, a 32 KiB cap, no redirects and public addresses only."
    )
    static let clientMetadataHosts = Setting(
        name: "DISCOGS_MCP_CLIENT_METADATA_HOSTS",
        defaultValue: nil,
        help:
            "A hosts(5)-format file consulted before DNS when fetching client metadata documents (pins names in split-horizon networks); its addresses must still all be public."
    )
    static let openIDConfiguration = Setting(
        name: "DISCOGS_MCP_OPENID_CONFIGURATION",
        defaultValue: "off",
        help:
            "on or off: also serve the authorization-server metadata at /.well-known/openid-configuration (off: the server is not an OpenID provider)."
    )
    static let toolsets = Setting(
        name: "DISCOGS_MCP_TOOLSETS",
        defaultValue: "all",
        help:
            "Comma-separated toolsets to serve (server is always on): all, or any of database, collection, collection_writes, wantlist, marketplace, people, images.",
        flag: .option("toolsets", valueName: "names")
    )
    static let configFile = Setting(
        name: "DISCOGS_MCP_CONFIG",
        defaultValue: "config/discogs-mcp.json",
        help: "JSON file of defaults (keys are these setting names); environment variables override it, flags override both.",
        flag: .option("config", valueName: "path")
    )

    /// The help of the setting's command-line flag: what it means, its variable and its default.
    var flagHelp: String {
        help + " [env \(name)" + (defaultValue.map { $0.isEmpty ? "" : ", default \($0)" } ?? "") + "]"
    }

    static let all: [Setting] =
        [
            host, port, publicURL, database, secret, allowedOrigins, allowedHosts, trustedProxies, maxBodyBytes, maxSessions, sessionIdleSeconds,
            keepAliveSeconds,
            logLevel, logFormat, logRetentionDays, logMaxRows, metricsToken, metricsEnabled, metricsPort, rateLimit, toolCallLimit, ipRateLimit,
            shutdownGraceSeconds, consumerKey, consumerSecret, token, apiURL, webURL, userAgent, discogsRequestsPerMinute, discogsBudget, sandbox,
            sandboxCollectionSize,
            sandboxPort, collectionRefreshSeconds, accessTokenSeconds, refreshTokenDays, clientMetadataDocuments, clientMetadataHosts,
            openIDConfiguration,
            toolsets, configFile, defaultScopes, allowedUsers, accessKey, loginLinkSeconds, loginStartsPerHour,
        ] + limits + security + delivery
}
