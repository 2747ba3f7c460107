import MCP
import Storage

extension SessionRegistry {
    /// Who holds a place in the registry: a session or an open listen stream.
    struct Holder: Sendable {
        var principalID: String
        var address: String?
        var isAnonymous: Bool { principalID == Caller.anonymous.principalID }
    }

    /// Opens a place for a 2026 listen stream; throws a `Failure` when the caps refuse it.
    ///
    /// Listen streams have no session but hold a connection for as long as one, so they count
    /// against the same caps. Close the returned ticket with `closeListenStream(_:)`.
    public func openListenStream(principalID: String, address: String?) async throws -> UInt64 {
        try await makeRoom(principalID: principalID, address: address)
        nextListenStream += 1
        listenStreams[nextListenStream] = Holder(principalID: principalID, address: address)
        return nextListenStream
    }

    public func closeListenStream(_ ticket: UInt64) {
        listenStreams[ticket] = nil
        listenStreams.compactIfSparse()
    }

    /// Throws the `Failure` that refuses a new place for this caller, after trying to free one.
    ///
    /// Expired sessions go first. A signed-in principal at its own cap then loses its least
    /// recently used session without an open stream: clients that never DELETE their sessions
    /// would otherwise lock their own user out until the idle timeout.
    func makeRoom(principalID: String, address: String?) async throws {
        guard refusal(principalID: principalID, address: address) != nil else { return }
        _ = await expireIdle()
        if case .principalFull? = refusal(principalID: principalID, address: address) {
            var idlest: (id: String, lastActive: ServerClock.Instant)?
            for (id, entry) in entries where entry.session.principalID == principalID {
                if let current = idlest, current.lastActive <= entry.lastActive { continue }
                if await entry.session.outbox.isAttached { continue }
                idlest = (id, entry.lastActive)
            }
            if let idlest { await end(idlest.id, reason: .expired) }
        }
        if let failure = refusal(principalID: principalID, address: address) { throw failure }
    }

    /// Why a new session or stream for this caller must be refused now, or nil.
    ///
    /// Everyone shares `maximumSessions`; anonymous callers may fill it only up to the part
    /// reserved for signed-in principals, and at most `perAddress` from one address (they all
    /// share one principal id, so the address is what tells them apart); a signed-in principal
    /// holds at most `perPrincipal`. So held anonymous streams can no longer lock signed-in users out.
    func refusal(principalID: String, address: String?) -> Failure? {
        let candidate = Holder(principalID: principalID, address: address)
        var total = 0
        var anonymous = 0
        var sameAddress = 0
        var samePrincipal = 0
        func count(_ holder: Holder) {
            total += 1
            if holder.isAnonymous {
                anonymous += 1
                if candidate.isAnonymous, holder.address == address { sameAddress += 1 }
            } else if holder.principalID == principalID {
                samePrincipal += 1
            }
        }
        for entry in entries.values { count(Holder(principalID: entry.session.principalID, address: entry.address)) }
        for holder in listenStreams.values { count(holder) }
        guard total < maximumSessions else { return .full(limit: maximumSessions) }
        if candidate.isAnonymous {
            let share = max(0, maximumSessions - limits.reservedForSignedIn)
            guard anonymous < share else { return .full(limit: share) }
            guard sameAddress < limits.perAddress else { return .addressFull(limit: limits.perAddress) }
        } else {
            guard samePrincipal < limits.perPrincipal else { return .principalFull(limit: limits.perPrincipal) }
        }
        return nil
    }

    /// How often `expireIdle()` should run so that both idle and anonymous expiry happen on time.
    public nonisolated var sweepInterval: Duration {
        min(idleTimeout, limits.anonymousLifetime / 2, .seconds(60))
    }
}

extension SessionRegistry.Entry {
    /// Opened without credentials and never signed in through a login link.
    var isAnonymous: Bool {
        session.openedAnonymously && session.linkedCaller == nil
    }
}
