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
    /// `stdio` selects the stdio command's default data folder (see `DataLocation`).
    static func resolve(flags: [String: String], environment: [String: String], stdio: Bool = false) throws(ConfigurationError) -> ServerConfiguration {
        let source = try SettingsSource.load(flags: flags, environment: environment)
        func required(_ setting: Setting) -> String { source[setting] ?? setting.defaultValue ?? "" }
        func integer(_ setting: Setting, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            let text = required(setting)
            guard let value = Int(text), range.contains(value) else {
                throw ConfigurationError(setting: setting.name, value: text, problem: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        func url(_ setting: Setting, _ text: String) throws(ConfigurationError) -> URL {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
            else {
                throw ConfigurationError(setting: setting.name, value: text, problem: "must be an absolute http(s) URL with a host and no query")
            }
            return url
        }
        let dataLocation = DataLocation.resolve(source, stdio: stdio, environment: environment)

        let host = required(.host)
        let port = try integer(.port, in: 1...65535)
        let tls = try resolveTLS(source)
        let publicURLText = source[.publicURL] ?? "\(tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        var publicURL = try url(.publicURL, publicURLText)
        if publicURL.absoluteString.hasSuffix("/"), let trimmed = URL(string: String(publicURL.absoluteString.dropLast())) {
            publicURL = trimmed
        }
        let databasePath = dataLocation.databasePath
        try checkDatabase(databasePath, secret: source[.secret])
        let levelText = required(.logLevel).lowercased()
        guard let logLevel = Logger.Level(rawValue: levelText) else {
            throw ConfigurationError(setting: Setting.logLevel.name, value: levelText, problem: "must be one of trace, debug, info, notice, warning, error, critical")
        }
        let consumerKey = source[.consumerKey]
        let consumerSecret = source[.consumerSecret]
        if (consumerKey == nil) != (consumerSecret == nil) {
            let missing = consumerKey == nil ? Setting.consumerKey : Setting.consumerSecret
            throw ConfigurationError(setting: missing.name, value: "", problem: "DISCOGS_CONSUMER_KEY and DISCOGS_CONSUMER_SECRET must be set together")
        }
        let upstreamPerMinute = try integer(.discogsRequestsPerMinute, in: 1...1_000_000)
        let discogs = DiscogsConfiguration(
            apiURL: try url(.apiURL, required(.apiURL)),
            webURL: try url(.webURL, required(.webURL)),
            userAgent: source[.userAgent] ?? "\(name)/\(version) +https://github.com/discogs-mcp/discogs-mcp",
            consumerKey: consumerKey,
            consumerSecret: consumerSecret,
            personalToken: source[.token],
            governor: GovernorConfiguration(
                authenticatedLimit: upstreamPerMinute,
                anonymousLimit: max(1, upstreamPerMinute * 25 / 60),
                backgroundReserve: max(1, upstreamPerMinute / 6),
                windowSlack: .seconds(2)
            )
        )
        let origins = (source[.allowedOrigins] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for origin in origins where origin != "*" {
            _ = try url(.allowedOrigins, origin)
        }
        let allowedHosts = try Self.allowedHosts(source[.allowedHosts] ?? "")
        let trustedProxies = try Self.trustedProxies(source[.trustedProxies] ?? "")
        let formatText = required(.logFormat).lowercased()
        guard let logFormat = LogFormat(rawValue: formatText) else {
            throw ConfigurationError(setting: Setting.logFormat.name, value: formatText, problem: "must be json or logfmt")
        }
        let metricsPort = try source[.metricsPort].map { _ throws(ConfigurationError) in try integer(.metricsPort, in: 1...65535) }
        if let metricsPort, metricsPort == port {
            throw ConfigurationError(setting: Setting.metricsPort.name, value: String(metricsPort), problem: "must differ from DISCOGS_MCP_PORT")
        }
        let perMinute = try integer(.rateLimit, in: 0...1_000_000)
        let toolCalls = try integer(.toolCallLimit, in: 1...1_000_000)
        let perIP = try integer(.ipRateLimit, in: 1...1_000_000)
        let limits: RateLimitPolicies? = perMinute == 0 ? nil : RateLimitPolicies(
            principal: RateLimitPolicy(perMinute: perMinute, burst: max(1, perMinute / 5)),
            toolCalls: RateLimitPolicy(perMinute: toolCalls, burst: max(1, toolCalls / 4)),
            client: RateLimitPolicy(perMinute: perMinute * 2, burst: max(1, perMinute * 2 / 5)),
            ip: RateLimitPolicy(perMinute: perIP, burst: max(1, perIP / 5))
        )
        var configuration = ServerConfiguration(
            host: host,
            port: port,
            publicURL: publicURL,
            databasePath: databasePath,
            secret: source[.secret],
            allowedOrigins: origins,
            maxBodyBytes: try integer(.maxBodyBytes, in: 1024...(64 << 20)),
            maxSessions: try integer(.maxSessions, in: 1...1_000_000),
            sessionIdleTimeout: .seconds(try integer(.sessionIdleSeconds, in: 10...(30 * 24 * 3600))),
            keepAliveInterval: .seconds(try integer(.keepAliveSeconds, in: 1...300)),
            logLevel: logLevel,
            discogs: discogs
        )
        configuration.logFormat = logFormat
        configuration.tls = tls
        let compression = try integer(.compressionMinBytes, in: 0...(64 << 20))
        configuration.compressionMinimumBytes = compression == 0 ? nil : compression
        configuration.dataLocation = dataLocation
        configuration.allowedHosts = allowedHosts
        configuration.trustedProxies = trustedProxies
        configuration.logRetention = LogSink.Retention(
            maximumAge: .seconds(try integer(.logRetentionDays, in: 1...3650) * 86_400),
            maximumRows: try integer(.logMaxRows, in: 100...100_000_000)
        )
        configuration.metricsToken = source[.metricsToken]
        configuration.metricsPort = metricsPort
        switch required(.metricsEnabled).lowercased() {
        case "true", "1", "yes", "on": configuration.metricsEnabled = true
        case "false", "0", "no", "off": configuration.metricsEnabled = false
        case let other: throw ConfigurationError(setting: Setting.metricsEnabled.name, value: other, problem: "must be true or false")
        }
        configuration.rateLimits = limits
        configuration.shutdownGrace = .seconds(try integer(.shutdownGraceSeconds, in: 0...3600))
        // The sandbox's own personal token is not a Discogs credential: with it (the README's
        // single-user recipe) `auto` still means the sandbox, so nothing waits on api.discogs.com.
        let hasCredentials = consumerKey != nil || source[.token].map { $0 != SampleAccount.personalToken } == true
        switch required(.sandbox).lowercased() {
        case "auto": configuration.sandbox = hasCredentials ? nil : SandboxSettings()
        case "on", "true", "1", "yes": configuration.sandbox = SandboxSettings()
        case "off", "false", "0", "no": configuration.sandbox = nil
        case let other: throw ConfigurationError(setting: Setting.sandbox.name, value: other, problem: "must be auto, on or off")
        }
        configuration.sandbox?.collectionSize = try integer(.sandboxCollectionSize, in: 0...20_000)
        configuration.sandbox?.port = try integer(.sandboxPort, in: 0...65535)
        let refresh = try integer(.collectionRefreshSeconds, in: 0...(30 * 86_400))
        configuration.collectionRefreshInterval = refresh == 0 ? nil : .seconds(refresh)
        configuration.accessTokenLifetime = TimeInterval(try integer(.accessTokenSeconds, in: 60...86_400))
        configuration.refreshTokenLifetime = TimeInterval(try integer(.refreshTokenDays, in: 1...365) * 86_400)
        func flag(_ setting: Setting) throws(ConfigurationError) -> Bool {
            switch required(setting).lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            case let other: throw ConfigurationError(setting: setting.name, value: other, problem: "must be on or off")
            }
        }
        configuration.clientMetadataDocuments = try flag(.clientMetadataDocuments)
        if let path = source[.clientMetadataHosts] {
            configuration.clientMetadataResolver = try Self.hostsFileResolver(path)
        }
        configuration.openIDConfiguration = try flag(.openIDConfiguration)
        switch Toolset.parse(required(.toolsets)) {
        case .success(let toolsets): configuration.toolsets = toolsets
        case .failure(let unknown): throw ConfigurationError(setting: Setting.toolsets.name, value: required(.toolsets), problem: unknown.description)
        }
        configuration.access = try resolveAccess(source)
        configuration.limits = try ResourceLimits.resolve { setting, range throws(ConfigurationError) in try integer(setting, in: range) }
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
            throw ConfigurationError(setting: Setting.database.name, value: path, problem: "its folder cannot be created: \(error.localizedDescription)")
        }
        let exists = FileManager.default.fileExists(atPath: path)
        guard exists ? FileManager.default.isWritableFile(atPath: path) : FileManager.default.isWritableFile(atPath: folder) else {
            throw ConfigurationError(setting: Setting.database.name, value: path, problem: "is not writable")
        }
    }
}
