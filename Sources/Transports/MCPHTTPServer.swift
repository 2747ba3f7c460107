import Auth
import Hummingbird
import Logging
import MCP
import ServiceLifecycle
import Storage

/// The MCP HTTP transports and their background chores, ready to be mounted on a router.
///
/// As a `Service` it runs the keep-alive heartbeat and session expiry for as long as the
/// application runs.
public struct MCPHTTPServer: Service {
    public let dispatcher: Dispatcher
    public let sessions: SessionRegistry
    public let heartbeat: Heartbeat
    public let configuration: HTTPTransportConfiguration
    private let streamable: StreamableHTTPEndpoint
    private let legacy: LegacySSEEndpoint
    /// The link to the other instances on the same PostgreSQL database; nil for a single instance.
    private let fleet: FleetRelay?
    private let logger: Logger
    private let liveness = Liveness()

    public init(
        dispatcher: Dispatcher,
        sessions: SessionRegistry,
        authenticator: any Authenticator,
        legacyAuthenticator: (any Authenticator)? = nil,
        scopeChallenge: (@Sendable (_ scopes: [String]) -> String)? = nil,
        configuration: HTTPTransportConfiguration,
        limiter: RateLimiter<ContinuousClock>? = nil,
        fleet: (any InstanceBus)? = nil,
        fleetObserver: (any FleetObserver)? = nil,
        logger: Logger
    ) {
        self.dispatcher = dispatcher
        self.sessions = sessions
        self.configuration = configuration
        self.logger = logger
        let heartbeat = Heartbeat(interval: configuration.keepAliveInterval)
        self.heartbeat = heartbeat
        let admission = HTTPAdmission(authenticator: authenticator, configuration: configuration, limiter: limiter, scopeChallenge: scopeChallenge)
        let legacyAdmission = HTTPAdmission(authenticator: legacyAuthenticator ?? authenticator, configuration: configuration, limiter: limiter)
        let streams = EventStreamResponder(heartbeat: heartbeat)
        self.streamable = StreamableHTTPEndpoint(
            dispatcher: dispatcher,
            sessions: sessions,
            admission: admission,
            streams: streams,
            maxInFlight: configuration.maxInFlightPerSession,
            logger: logger
        )
        let legacy = LegacySSEEndpoint(
            dispatcher: dispatcher,
            sessions: sessions,
            admission: legacyAdmission,
            streams: streams,
            messagesPath: configuration.basePath + "/messages",
            maxInFlight: configuration.maxInFlightPerSession,
            logger: logger
        )
        self.legacy = legacy
        self.fleet = fleet.map { bus in
            FleetRelay(bus: bus, sessions: sessions, listChanges: dispatcher.listChanges, legacy: legacy, observer: fleetObserver, logger: logger)
        }
    }

    /// Joins the fleet before serving: sessions are recorded for the other instances, list
    /// changes relayed (a no-op for a single instance).
    public func joinFleet() async {
        guard let fleet else { return }
        await sessions.joinFleet(fleet.bus)
        await fleet.connectListChanges()
    }

    /// Adds `/mcp`, `/mcp/`, `/sse` and `/messages`.
    public func addRoutes(to router: Router<ServerRequestContext>) {
        let streamable = self.streamable
        let legacy = self.legacy
        // Hummingbird's router matches `/mcp/` to this route too, so both are served identically, no redirect.
        router.post("mcp") { request, context in await streamable.post(request, remoteIP: context.remoteIP) }
        router.get("mcp") { request, context in await streamable.get(request, remoteIP: context.remoteIP) }
        router.delete("mcp") { request, context in await streamable.delete(request, remoteIP: context.remoteIP) }
        router.get("sse") { request, context in await legacy.open(request, remoteIP: context.remoteIP) }
        router.post("sse") { _, _ in
            // Streamable-HTTP clients given this URL POST first; 405 without a JSON-RPC body makes them fall back to GET.
            HTTPReplies.methodNotAllowed(allow: "GET", message: "this is the legacy HTTP+SSE endpoint: open it with GET, or use /mcp")
        }
        router.post("messages") { request, context in await legacy.post(request, remoteIP: context.remoteIP) }
    }

    /// Whether the background chores are running (for `/readyz`).
    public var isRunning: Bool {
        get async { await liveness.isRunning }
    }

    public func run() async throws {
        await liveness.set(true)
        defer { Task { [liveness] in await liveness.set(false) } }
        let sessions = self.sessions
        let heartbeat = self.heartbeat
        let period = sessions.sweepInterval
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await heartbeat.run() }
                if let fleet = self.fleet { group.addTask { await fleet.run() } }
                group.addTask {
                    while !Task.isCancelled {
                        do { try await sessions.clock.sleep(for: period) } catch { return }
                        await sessions.expireIdle()
                        await sessions.purgePersisted(olderThan: .seconds(7 * 24 * 3600))
                    }
                }
            }
        }
    }
}

/// A flag the service raises while it runs.
actor Liveness {
    private(set) var isRunning = false
    func set(_ running: Bool) { isRunning = running }
}
