import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Storage

/// The one way this process talks to Discogs: signing, caching, the shared rate budget, retries.
///
/// An actor that owns its `HTTPClient` (shut down by `run()` ending or `shutdown()`), with
/// redirects off so an unexpected 3xx surfaces as an error instead of being followed with our
/// credentials attached. Identical GETs in flight at once are sent once.
public actor DiscogsClient: DiscogsAPI {
    public nonisolated let configuration: DiscogsConfiguration
    let httpClient: HTTPClient
    let governor: RateGovernor<ServerClock>
    /// Times the governor, retries and the fleet budget's waits, and dates cache entries; tests move it by hand.
    let clock: ServerClock
    let cache: (any ResponseCacheRepository)?
    let logger: Logger
    let observer: (any DiscogsClientObserver)?
    /// The fleet's shared budget (`DISCOGS_MCP_DISCOGS_BUDGET=shared` on PostgreSQL), taken after
    /// this process's governor; nil: the governor alone decides.
    let fleetBudget: (any FleetRequestBudget)?
    /// Where `fetchImage` may download from; unrestricted by default (tests' loopback stubs).
    nonisolated let imagePolicy: ImageHostPolicy
    /// Largest body accepted from Discogs; a release with every credit is well under a megabyte.
    let maxBodyBytes = 16 << 20
    private var inFlight: [String: (id: UInt64, task: Task<DiscogsResponse, any Error>)] = [:]
    private var nextFlightID: UInt64 = 0
    private var isShutDown = false
    /// Decoded answers of cached reads, so a hot release is not decoded again on every call.
    var memo = DecodedMemo(capacity: 2048)

    /// - Parameters:
    ///   - clock: the client's and its governor's clock (one clock, so their instants compare).
    ///   - imagePolicy: the hosts images may come from; the server always passes one (the default,
    ///     for tests, lets any host through unchecked).
    public init(
        configuration: DiscogsConfiguration,
        cache: (any ResponseCacheRepository)? = nil,
        observer: (any DiscogsClientObserver)? = nil,
        imagePolicy: ImageHostPolicy = .unrestricted,
        fleetBudget: (any FleetRequestBudget)? = nil,
        clock: ServerClock = .continuous,
        logger: Logger = Logger(label: "discogs")
    ) {
        self.configuration = configuration
        self.fleetBudget = fleetBudget
        self.imagePolicy = imagePolicy
        self.observer = observer
        self.cache = cache
        self.clock = clock
        self.governor = RateGovernor(configuration: configuration.governor, clock: clock)
        self.logger = logger
        let timeout = HTTPClient.Configuration.Timeout(
            connect: TimeAmount(configuration.connectTimeout),
            read: TimeAmount(configuration.readTimeout)
        )
        self.httpClient = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: timeout)
        )
    }

    /// Refuses queued callers and closes every connection; safe to call twice.
    public func shutdown() async throws {
        guard !isShutDown else { return }
        isShutDown = true
        await governor.shutdown()
        try await httpClient.shutdown()
    }

    /// The governor's current state, for metrics and `server_info`.
    public func governorStatus() async -> GovernorStatus<ServerClock> {
        await governor.status()
    }

    public nonisolated func authorizeURL(requestToken: String) -> URL {
        configuration.authorizeURL(requestToken: requestToken)
    }

    public func send(_ request: DiscogsRequest, as credential: DiscogsCredential) async throws -> DiscogsResponse {
        guard !isShutDown else { throw DiscogsError.transport("the Discogs client has shut down") }
        guard request.isIdempotentRead else {
            let response = try await perform(request, authorization: .credential(credential))
            await invalidateAfterWrite(request)
            return response
        }
        let scope = cacheScope(request, credential)
        let key = cacheKey(request, scope: scope)
        if let kind = request.cacheKind {
            let cached = await cachedResponse(key: key, kind: kind)
            observer?.cacheLookup(kind: kind, hit: cached != nil)
            if let cached { return cached }
        }
        if let shared = inFlight[key] {
            return try await shared.task.value
        }
        nextFlightID += 1
        let flightID = nextFlightID
        let task = Task { try await self.load(request, credential: credential, key: key, scope: scope) }
        inFlight[key] = (flightID, task)
        defer { if inFlight[key]?.id == flightID { inFlight[key] = nil } }
        return try await task.value
    }

    private func load(_ request: DiscogsRequest, credential: DiscogsCredential, key: String, scope: String) async throws -> DiscogsResponse {
        var response = try await perform(request, authorization: .credential(credential))
        if let kind = request.cacheKind {
            response.cacheExpiresAt = await store(response, key: key, scope: scope, path: request.path, kind: kind)
        }
        return response
    }

    // MARK: Cache

    private func cachedResponse(key: String, kind: CacheKind) async -> DiscogsResponse? {
        guard let cache else { return nil }
        do {
            guard let entry = try await cache.entry(forKey: key, now: clock.date) else { return nil }
            var response = DiscogsResponse(status: entry.status, headers: ["content-type": "application/json"], body: entry.body, fromCache: true)
            response.cacheExpiresAt = entry.expiresAt
            return response
        } catch {
            logger.warning("response cache read failed; asking Discogs", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Returns when the stored answer expires, or nil when it was not stored.
    private func store(_ response: DiscogsResponse, key: String, scope: String, path: String, kind: CacheKind) async -> Date? {
        guard let cache, response.status == 200 else { return nil }
        let now = clock.date
        let ttl = Double(kind.defaultTTL.components.seconds)
        let entry = CachedResponseEntry(
            key: key,
            path: path,
            scope: scope,
            kind: kind.rawValue,
            status: response.status,
            body: response.body,
            storedAt: now,
            expiresAt: now.addingTimeInterval(ttl)
        )
        do {
            try await cache.store(entry)
            return entry.expiresAt
        } catch {
            logger.warning("response cache write failed", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Drops cached answers under `path` (one of them could not be decoded).
    func forgetCachedAnswers(path: String) async {
        memo.invalidate(pathPrefix: path)
        do {
            _ = try await cache?.invalidate(pathPrefix: path)
        } catch {
            logger.warning("response cache invalidation failed", metadata: ["prefix": "\(path)", "error": "\(error)"])
        }
    }

    /// Our own writes make our cached reads of the same data stale.
    private func invalidateAfterWrite(_ request: DiscogsRequest) async {
        let prefixes = Set(request.invalidates + [request.path])
        for prefix in prefixes { memo.invalidate(pathPrefix: prefix) }
        guard let cache else { return }
        for prefix in prefixes {
            do {
                _ = try await cache.invalidate(pathPrefix: prefix)
            } catch {
                logger.warning("response cache invalidation failed", metadata: ["prefix": "\(prefix)", "error": "\(error)"])
            }
        }
    }

    /// Drops every cached answer given to `credential`, e.g. when its grant is revoked.
    public func forgetCachedAnswers(for credential: DiscogsCredential) async throws {
        memo.invalidate(scope: credential.identity)
        _ = try await cache?.invalidate(scope: credential.identity)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let components = duration.components
        self = .nanoseconds(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
    }
}
