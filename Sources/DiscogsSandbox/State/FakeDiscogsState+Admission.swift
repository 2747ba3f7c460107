/// What the gatekeeping step decided for one request, taken in one actor hop.
struct FakeAdmission: Sendable {
    var outcome: CredentialVerifier.Outcome
    var limit: Int
    var used: Int
    var remaining: Int
    var allowed: Bool
    var fault: FakeFault?
    var latency: Duration
    var behaviour: FakeBehaviour
}

extension FakeDiscogsState {
    /// Resolves the caller, charges the moving rate window and takes any queued fault.
    ///
    /// The window counts admitted requests over the last `windowSeconds` of the fake clock, like
    /// Discogs' moving average; a refused request is not charged, so a client that waits recovers.
    func admit(_ input: CredentialInput, path: String) -> FakeAdmission {
        let outcome = resolveCaller(input)
        let authenticated: Bool
        switch outcome {
        case let .caller(caller): authenticated = caller.tier != .none
        case .reject: authenticated = false
        }
        let now = self.now
        let horizon = now - behaviour.windowSeconds
        if let firstLive = rateWindow.firstIndex(where: { $0 > horizon }) {
            if firstLive > 0 { rateWindow.removeFirst(firstLive) }
        } else {
            rateWindow.removeAll()
        }
        let limit = authenticated ? behaviour.authenticatedLimit : behaviour.anonymousLimit
        var allowed = true
        if behaviour.enforceRateLimit, rateWindow.count >= limit {
            allowed = false
            overBudgetRefusals += 1
        } else {
            rateWindow.append(now)
            peakWindowUsed = max(peakWindowUsed, rateWindow.count)
        }
        let fault = allowed ? takeFault(path: path) : nil
        return FakeAdmission(
            outcome: outcome,
            limit: limit,
            used: rateWindow.count,
            remaining: max(0, limit - rateWindow.count),
            allowed: allowed,
            fault: fault,
            latency: latency,
            behaviour: behaviour
        )
    }

    /// Requests charged to the current window.
    public var rateWindowUsed: Int {
        let horizon = now - behaviour.windowSeconds
        return rateWindow.filter { $0 > horizon }.count
    }
}
