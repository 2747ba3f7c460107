import Foundation
import Storage

/// Starting, joining, waiting for and reporting the one operation that runs per list.
extension CollectionIndex {
    enum SyncMode: Sendable {
        /// Read every page; `restart` begins a new pass even if an earlier one was interrupted.
        case full(restart: Bool)
        case incremental
    }

    /// The running operation for `key`, or a new one. Joining raises its priority if `priority` is higher.
    func start(_ key: ListKey, credential: DiscogsCredential, mode: SyncMode, priority: RequestPriority) -> Task<CollectionSyncReport, any Error> {
        if let task = running[key] {
            if priority < (priorities[key] ?? .background) { priorities[key] = priority }
            return task
        }
        priorities[key] = priority
        let task = Task<CollectionSyncReport, any Error> {
            // Interactive syncs take a free lease too (so no background sync starts elsewhere) but
            // do not wait for one: a person is waiting.
            let renewal = await self.holdLease(key)
            defer { renewal?.cancel() }
            do {
                let report = try await self.perform(key, credential: credential, mode: mode)
                self.finish(key)
                await self.releaseLease(key)
                return report
            } catch {
                self.finish(key)
                await self.releaseLease(key)
                throw error
            }
        }
        running[key] = task
        return task
    }

    /// Waits for `task`; with a `bound`, gives up waiting (not the task) after it and returns nil,
    /// and the task carries on at background priority.
    func wait(
        for task: Task<CollectionSyncReport, any Error>,
        key: ListKey,
        bound: Duration?,
        progress: (@Sendable (Int, Int) async -> Void)?
    ) async throws -> CollectionSyncReport? {
        let id = UUID()
        if let progress { progressSinks[key, default: [:]][id] = progress }
        defer { progressSinks[key]?[id] = nil }
        guard let bound, running[key] != nil else { return try await task.value }
        let finished: Bool = await withCheckedContinuation { continuation in
            waiters[key, default: [:]][id] = continuation
            let clock = configuration.clock
            Task {
                try? await clock.sleep(for: bound)
                self.stopWaiting(key, id)
            }
        }
        if finished { return try await task.value }
        if waiters[key]?.isEmpty ?? true { priorities[key] = .background }
        return nil
    }

    func stopWaiting(_ key: ListKey, _ id: UUID) {
        waiters[key]?.removeValue(forKey: id)?.resume(returning: false)
    }

    func finish(_ key: ListKey) {
        running[key] = nil
        priorities[key] = nil
        for waiter in (waiters[key] ?? [:]).values { waiter.resume(returning: true) }
        waiters[key] = nil
    }

    func reportProgress(_ key: ListKey, done: Int, total: Int) async {
        for sink in (progressSinks[key] ?? [:]).values { await sink(done, total) }
    }

    /// Runs one operation, records failures in the sync state and tells the observer either way.
    func perform(_ key: ListKey, credential: DiscogsCredential, mode: SyncMode) async throws -> CollectionSyncReport {
        let started = ContinuousClock.now
        requestCounts[key] = 0
        let kind: CollectionSyncReport.Kind
        if case .incremental = mode { kind = .incremental } else { kind = .full }
        do {
            var report: CollectionSyncReport
            switch mode {
            case .full(let restart): report = try await fullSync(key, credential: credential, restart: restart)
            case .incremental: report = try await incrementalRefresh(key, credential: credential)
            }
            // A failed prune is retried after the next sync; it must not fail this one.
            try? await pruneActivity(username: key.username)
            report.requests = requestCounts[key] ?? 0
            report.duration = ContinuousClock.now - started
            await observer.syncFinished(report)
            if Self.foundChange(report) { await announce(username: key.username, list: key.list) }
            return report
        } catch {
            let problem = Self.describe(error)
            if var state = try? await store.syncState(username: key.username, list: key.list) {
                state.lastError = problem
                try? await store.saveSyncState(state)
            }
            let cancelled = error is CancellationError || Task.isCancelled
            let indexed = (try? await store.count(username: key.username, list: key.list)) ?? 0
            await observer.syncFinished(
                CollectionSyncReport(
                    username: key.username,
                    list: key.list,
                    kind: kind,
                    outcome: cancelled ? .cancelled : .failed,
                    requests: requestCounts[key] ?? 0,
                    duration: ContinuousClock.now - started,
                    indexedTotal: indexed,
                    problem: problem
                )
            )
            throw error
        }
    }

    static func describe(_ error: any Error) -> String {
        if error is CancellationError { return "the sync was stopped" }
        if let error = error as? DiscogsError { return error.description }
        return String(describing: error)
    }

    // MARK: Upstream reads (never cached: the index is the cache)

    func fetch<T: Decodable>(_ key: ListKey, _ path: String, query: [(String, String?)], credential: DiscogsCredential) async throws -> T {
        let priority = priorities[key] ?? .background
        requestCounts[key, default: 0] += 1
        let request = DiscogsRequest(.get, path, query: DiscogsRequest.query(query), priority: priority, cacheKind: nil)
        return try await api.send(request, as: credential).decode()
    }

    /// One page, newest first: folder `folderID` of the collection, or the wantlist.
    func fetchPage(
        _ key: ListKey,
        page: Int,
        folderID: Int = 0,
        credential: DiscogsCredential
    ) async throws -> (items: [IndexedItem], pagination: Pagination) {
        let query: [(String, String?)] = [
            ("page", String(page)), ("per_page", String(configuration.perPage)), ("sort", "added"), ("sort_order", "desc"),
        ]
        let user = key.username.pathSegment
        switch key.list {
        case .collection:
            let answer: Page<CollectionItem> = try await fetch(
                key,
                "/users/\(user)/collection/folders/\(folderID)/releases",
                query: query,
                credential: credential
            )
            return (answer.items.map(IndexedItem.init), answer.pagination)
        case .wantlist:
            let answer: Page<Want> = try await fetch(key, "/users/\(user)/wants", query: query, credential: credential)
            return (answer.items.compactMap(IndexedItem.init), answer.pagination)
        }
    }

    /// The folder list with counts (one request), saved for names and reconciliation.
    func fetchFolders(_ key: ListKey, credential: DiscogsCredential) async throws -> [IndexedFolder] {
        let answer: CollectionFolders = try await fetch(
            key,
            "/users/\(key.username.pathSegment)/collection/folders",
            query: [],
            credential: credential
        )
        let folders = answer.folders.map { IndexedFolder(id: $0.id, name: $0.name, count: $0.count) }
        try await store.saveFolders(username: key.username, folders)
        return folders
    }
}
