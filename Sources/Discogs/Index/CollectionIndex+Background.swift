import Storage

/// The background refresher: keeps every known list within `interval` of Discogs.
extension CollectionIndex {
    /// Refreshes stale lists until cancelled (the App wraps it in a ServiceLifecycle service).
    ///
    /// Lists are refreshed one at a time at background priority, so the governor keeps headroom
    /// for people waiting on interactive calls and a restart never triggers a storm of syncs.
    public func run(interval: Duration) async {
        let pause = min(interval, .seconds(60))
        while !Task.isCancelled {
            _ = await refreshStale(olderThan: interval)
            do { try await configuration.clock.sleep(for: pause) } catch { return }
        }
    }

    /// One pass: refreshes (or resumes the full sync of) every list older than `interval` whose user
    /// has a known credential. Returns the reports of the runs it made.
    @discardableResult
    public func refreshStale(olderThan interval: Duration) async -> [CollectionSyncReport] {
        guard let states = try? await store.allSyncStates() else { return [] }
        var reports: [CollectionSyncReport] = []
        let now = configuration.now()
        for state in states where !Task.isCancelled {
            let key = ListKey(state.username, state.list)
            let interrupted = state.nextPage != nil
            guard running[key] == nil, interrupted || now - (state.refreshedAt ?? 0) > interval.seconds else { continue }
            guard let credential = await credential(for: key.username) else { continue }
            // In a fleet one instance syncs a list; the others skip it while its lease lives.
            guard await takeLease(key) else { continue }
            let mode: SyncMode = state.hasCompleted && !interrupted ? .incremental : .full(restart: false)
            let task = start(key, credential: credential, mode: mode, priority: .background)
            if let report = try? await task.value { reports.append(report) }
        }
        return reports
    }

    func credential(for username: String) async -> DiscogsCredential? {
        if let known = credentials[username] { return known }
        guard let provider = credentialProvider, let found = await provider(username) else { return nil }
        credentials[username] = found
        return found
    }
}
