/// Runtime switches the sandbox's control routes (`/_sandbox/…`) turn, for black-box tests.
extension FakeDiscogsState {
    /// Points image URLs at another base (a host the image guard must refuse); nil restores the default.
    public func setImageBaseOverride(_ base: String?) { imageBaseOverride = base }

    /// Removes every OAuth access token of `username`, as that user revoking the app on the
    /// Discogs site would; returns how many went.
    @discardableResult
    public func revokeAccessTokens(username: String) -> Int {
        let doomed = credentials.accessTokens.filter { $0.value.username.lowercased() == username.lowercased() }.map(\.key)
        for token in doomed { credentials.accessTokens[token] = nil }
        return doomed.count
    }

    /// Sets every OAuth application aside (Discogs then answers "Invalid consumer." to its calls, as
    /// when the operator deleted the app or its key on the Discogs site), or brings them back with
    /// their tokens intact; returns how many applications moved.
    @discardableResult
    public func setConsumersSuspended(_ suspended: Bool) -> Int {
        let moving = suspended ? credentials.consumers : credentials.suspendedConsumers
        if suspended {
            credentials.suspendedConsumers.merge(moving) { _, new in new }
            credentials.consumers = [:]
        } else {
            credentials.consumers.merge(moving) { _, new in new }
            credentials.suspendedConsumers = [:]
        }
        return moving.count
    }

    /// What the fault runs report: traffic, the rate window's peak and the refusals it caused.
    public var controlStats: FakeControlStats {
        FakeControlStats(
            totalRequests: totalRequests,
            peakWindowUsed: peakWindowUsed,
            overBudgetRefusals: overBudgetRefusals,
            authenticatedLimit: behaviour.authenticatedLimit,
            windowSeconds: behaviour.windowSeconds,
            queuedFaults: faults.count
        )
    }
}

/// Figures of the sandbox's own bookkeeping, read by the fault runs.
public struct FakeControlStats: Sendable, Equatable {
    public var totalRequests: Int
    /// The most requests ever charged to the moving window at once.
    public var peakWindowUsed: Int
    /// Requests refused because the window was full (not injected 429s): a client over budget.
    public var overBudgetRefusals: Int
    public var authenticatedLimit: Int
    public var windowSeconds: Double
    public var queuedFaults: Int
}
