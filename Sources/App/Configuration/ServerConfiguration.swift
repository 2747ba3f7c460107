import Auth
import Discogs
import DiscogsSandbox
import Foundation
import Logging
import Storage
import Tools
import Transports

/// The validated configuration of one server process.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var publicURL: URL
    public var databasePath: String
    /// Where `databasePath` came from, for the first log line.
    var dataLocation = DataLocation(databasePath: "", origin: .configured)
    public var secret: String?
    public var allowedOrigins: [String]
    /// Host names served besides the public URL's host and loopback names.
    public var allowedHosts: [String] = []
    /// Proxies whose forwarding headers name the client; empty: the peer is the client.
    public var trustedProxies: [IPNetwork] = []
    public var maxBodyBytes: Int
    public var maxSessions: Int
    public var sessionIdleTimeout: Duration
    public var keepAliveInterval: Duration
    public var logLevel: Logger.Level
    public var logFormat: LogFormat = .json
    public var logRetention: LogSink.Retention = .init(maximumAge: .seconds(7 * 86_400), maximumRows: 100_000)
    public var metricsToken: String?
    public var metricsPort: Int?
    public var metricsEnabled = true
    /// nil turns inbound rate limiting off.
    public var rateLimits: RateLimitPolicies? = .standard
    public var shutdownGrace: Duration = .seconds(10)
    public var discogs: DiscogsConfiguration
    /// The in-process sandbox Discogs to start instead of using `discogs`' URLs, or nil.
    public var sandbox: SandboxSettings?
    /// Host names `fetch_image` may download from (the sandbox's own image host is added at start).
    public var imageHosts: [String] = ImageHostPolicy.discogsHosts
    /// How stale a collection index may get before the background refresher looks; nil turns it off.
    public var collectionRefreshInterval: Duration? = .seconds(3600)
    /// Whether a fleet on PostgreSQL shares one Discogs budget (`DISCOGS_MCP_DISCOGS_BUDGET`).
    public var discogsBudget: DiscogsBudgetMode = .shared
    public var accessTokenLifetime: TimeInterval = 3600
    public var refreshTokenLifetime: TimeInterval = 30 * 86_400
    public var clientMetadataDocuments = true
    /// Where metadata-document hosts are looked up: a hosts file before DNS, or DNS alone.
    public var clientMetadataResolver: any HostResolver = SystemHostResolver()
    public var openIDConfiguration = false
    /// The parts of the catalogue served (`server` always among them).
    public var toolsets: Set<Toolset> = Set(Toolset.allCases)
    /// Scopes asked for by default, the sign-in allow-list, the access key and the login limits.
    public var access = AccessSettings()
    public var limits = ResourceLimits()
    /// The certificate and key files when the server speaks HTTPS itself; nil: plain HTTP.
    var tls: TLSFiles?
    /// JSON answers from this size are compressed when the client accepts it; nil: never.
    public var compressionMinimumBytes: Int? = 1024

    public static let version = "0.1.0"
    public static let name = "discogs-mcp"

    /// Reads and validates every setting; the first invalid one stops start-up, named.
    ///
    /// Each group of settings has its own parser (`resolveListener`, `resolveLogging`, …, in the
    /// `ServerConfiguration+…` files); this only layers the sources and runs them in order.
    /// `stdio` selects the stdio command's default data folder (see `DataLocation`).
    static func resolve(flags: [String: String], environment: [String: String], stdio: Bool = false) throws(ConfigurationError) -> ServerConfiguration
    {
        let source = try SettingsSource.load(flags: flags, environment: environment)
        let dataLocation = DataLocation.resolve(source, stdio: stdio, environment: environment)
        let listener = try resolveListener(source)
        try checkDatabase(dataLocation.databasePath, secret: source[.secret])
        let logging = try resolveLogging(source)
        let discogs = try resolveDiscogs(source)
        var configuration = ServerConfiguration(
            host: listener.host,
            port: listener.port,
            publicURL: listener.publicURL,
            databasePath: dataLocation.databasePath,
            secret: source[.secret],
            allowedOrigins: try resolveOrigins(source),
            maxBodyBytes: try source.integer(.maxBodyBytes, in: 1024...(64 << 20)),
            maxSessions: try source.integer(.maxSessions, in: 1...1_000_000),
            sessionIdleTimeout: .seconds(try source.integer(.sessionIdleSeconds, in: 10...(30 * 24 * 3600))),
            keepAliveInterval: .seconds(try source.integer(.keepAliveSeconds, in: 1...300)),
            logLevel: logging.level,
            discogs: discogs
        )
        configuration.dataLocation = dataLocation
        configuration.tls = listener.tls
        configuration.logFormat = logging.format
        configuration.logRetention = logging.retention
        try resolveEdge(source, into: &configuration)
        try resolveOperations(source, into: &configuration)
        try resolveCatalogue(source, into: &configuration)
        try resolveOAuth(source, into: &configuration)
        configuration.access = try resolveAccess(source)
        configuration.limits = try ResourceLimits.resolve(source)
        try resolveSecurity(source, into: &configuration)
        return configuration
    }

    /// How the server reaches Discogs, for logs and `server_info`: `sandbox`, `oauth` or `personal`.
    var discogsMode: String {
        sandbox == nil ? discogs.mode.rawValue : "sandbox"
    }

    /// Every configured secret value, registered with the log redactor before anything is logged.
    var secrets: [String] {
        [secret, metricsToken, discogs.personalToken, discogs.consumerSecret, discogs.consumerKey, access.accessKey].compactMap { $0 }
    }

    /// Whether the HTTP listener is reachable only from this machine.
    var bindsLoopbackOnly: Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// The folder holding the database and the generated secret.
    var dataDirectory: String {
        Self.dataFolder(forDatabase: databasePath)
    }

    static func checkWritable(_ path: String) throws(ConfigurationError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try PrivateFiles.createFolder(folder)
        } catch {
            throw ConfigurationError(
                setting: Setting.database.name,
                value: path,
                problem: "its folder cannot be created: \(error.localizedDescription)"
            )
        }
        let exists = FileManager.default.fileExists(atPath: path)
        guard exists ? FileManager.default.isWritableFile(atPath: path) : FileManager.default.isWritableFile(atPath: folder) else {
            throw ConfigurationError(setting: Setting.database.name, value: path, problem: "is not writable")
        }
    }
}
