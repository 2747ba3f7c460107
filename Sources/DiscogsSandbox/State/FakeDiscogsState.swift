import Foundation

/// The live state of one fake Discogs: its data, credentials, clock, rate window, faults and counters.
///
/// An actor because request handlers run concurrently and writes must be visible to the next read;
/// tests use the same actor to seed data, inject faults and read ground truth.
public actor FakeDiscogsState {
    public internal(set) var data: FakeDiscogsData
    public internal(set) var credentials: FakeCredentials
    public var behaviour: FakeBehaviour
    /// Seconds added to the wall clock; tests advance it to expire windows and tokens without sleeping.
    public private(set) var clockOffset: Double = 0
    var rateWindow: [Double] = []
    var faults: [FaultRule] = []
    public private(set) var latency: Duration = .zero
    /// Set by the control routes: image URLs point here instead of the configured base.
    public internal(set) var imageBaseOverride: String?
    /// The most requests charged to the rate window at once, and how many it refused (over budget).
    public internal(set) var peakWindowUsed = 0
    public internal(set) var overBudgetRefusals = 0
    /// The most recent requests (at most `requestLogLimit`), oldest first.
    public private(set) var requests: [FakeRequestRecord] = []
    /// Request counts per route template since the last reset (unbounded: one entry per route).
    public private(set) var routeCounts: [String: Int] = [:]
    /// How many records `requests` keeps, so a long-running sandbox does not grow without bound.
    public var requestLogLimit = 20_000
    var tokenCounter = 0

    public init(
        data: FakeDiscogsData = FakeDiscogsData(),
        credentials: FakeCredentials = FakeCredentials(),
        behaviour: FakeBehaviour = FakeBehaviour()
    ) {
        self.data = data
        self.credentials = credentials
        self.behaviour = behaviour
    }

    /// A state holding a generated sample account (see `SampleAccount`).
    public init(sample: SampleAccount, behaviour: FakeBehaviour = FakeBehaviour()) {
        var behaviour = behaviour
        if behaviour.authorizingUsername == nil { behaviour.authorizingUsername = sample.username }
        self.init(data: sample.data, credentials: sample.credentials, behaviour: behaviour)
    }

    /// The fake's clock, in seconds since 1970.
    public var now: Double { Date().timeIntervalSince1970 + clockOffset }

    /// Moves the fake clock forward (rate window, token expiry).
    public func advanceClock(by seconds: Double) { clockOffset += seconds }

    public func setBehaviour(_ change: @Sendable (inout FakeBehaviour) -> Void) { change(&behaviour) }

    /// Replaces or edits the data directly (seeding in tests).
    public func updateData(_ change: @Sendable (inout FakeDiscogsData) -> Void) { change(&data) }

    // MARK: Credentials

    public func addUser(_ user: FakeUser) {
        data.users[user.username.lowercased()] = user
        if data.fields[user.username.lowercased()] == nil { data.fields[user.username.lowercased()] = FakeCollectionField.defaults }
    }

    public func registerPersonalToken(_ token: String, username: String) { credentials.personalTokens[token] = username }

    public func registerConsumer(key: String, secret: String, name: String) {
        credentials.consumers[key] = .init(secret: secret, name: name)
    }

    public func registerAccessToken(_ token: String, secret: String, consumerKey: String, username: String) {
        credentials.accessTokens[token] = .init(secret: secret, consumerKey: consumerKey, username: username)
    }

    /// Removes an access token, as a user revoking the app on the Discogs site would.
    public func revokeAccessToken(_ token: String) { credentials.accessTokens[token] = nil }

    func resolveCaller(_ input: CredentialInput) -> CredentialVerifier.Outcome {
        CredentialVerifier(credentials: credentials).resolve(input)
    }

    func makeToken(_ prefix: String) -> String {
        tokenCounter += 1
        let random = (0..<20).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement() ?? "x" }
        return "\(prefix)\(tokenCounter)\(String(random))"
    }

    // MARK: Faults and latency

    /// Makes the next `count` requests (optionally only those whose path contains `pathContains`) fail with `fault`.
    public func injectFault(_ fault: FakeFault, count: Int = 1, pathContains: String? = nil) {
        faults.append(FaultRule(fault: fault, remaining: count, pathContains: pathContains))
    }

    /// Delays every API response by `latency` (zero to stop).
    public func setLatency(_ latency: Duration) { self.latency = latency }

    public func clearFaults() {
        faults.removeAll()
        latency = .zero
    }

    /// Consumes and returns the fault for a request to `path`, if one is queued.
    func takeFault(path: String) -> FakeFault? {
        guard let index = faults.firstIndex(where: { rule in rule.pathContains.map { path.contains($0) } ?? true }) else { return nil }
        faults[index].remaining -= 1
        let fault = faults[index].fault
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }

    // MARK: Counters

    func record(_ record: FakeRequestRecord) {
        routeCounts[record.route, default: 0] += 1
        requests.append(record)
        if requests.count > requestLogLimit { requests.removeFirst(requests.count - requestLogLimit) }
    }

    /// How many requests matched `route` (e.g. `GET /users/{username}/collection/folders/{id}/releases`).
    public func requestCount(route: String) -> Int { routeCounts[route] ?? 0 }

    /// How many logged requests had a path containing `fragment` (any method).
    public func requestCount(pathContaining fragment: String) -> Int { requests.filter { $0.path.contains(fragment) }.count }

    /// Total requests since the last reset.
    public var totalRequests: Int { routeCounts.values.reduce(0, +) }

    public func resetCounters() {
        requests.removeAll()
        routeCounts.removeAll()
        peakWindowUsed = 0
        overBudgetRefusals = 0
    }
}
