import Foundation
import Storage

/// Each user's collection and wantlist, copied into SQLite and searchable without Discogs.
///
/// Discogs has no collection search, so reads come from this index: a full sync pages the whole
/// list once (100 items a request, resumable), incremental refreshes keep it current for two or
/// three requests, and our own writes are applied directly. One sync or refresh runs per list at
/// a time; callers asking meanwhile join it instead of starting another.
public actor CollectionIndex {
    /// One user's list: the unit of syncing.
    struct ListKey: Hashable, Sendable {
        var username: String
        var list: IndexedList
        init(_ username: String, _ list: IndexedList) {
            self.username = username.lowercased()
            self.list = list
        }
    }

    let api: any DiscogsAPI
    public nonisolated let store: any CollectionIndexStore
    let configuration: CollectionIndexConfiguration
    let observer: any CollectionSyncObserver

    /// The running sync or refresh per list.
    var running: [ListKey: Task<CollectionSyncReport, any Error>] = [:]
    /// The priority the running operation's next request uses: interactive while someone waits.
    var priorities: [ListKey: RequestPriority] = [:]
    /// Progress listeners of the running operation, removed when their caller stops waiting.
    var progressSinks: [ListKey: [UUID: @Sendable (Int, Int) async -> Void]] = [:]
    /// Callers waiting with a bound: resumed with true when the operation ends, false on timeout.
    var waiters: [ListKey: [UUID: CheckedContinuation<Bool, Never>]] = [:]
    /// Upstream requests made by the running operation.
    var requestCounts: [ListKey: Int] = [:]
    /// The last credential each user read with, kept in memory only, so the background refresher
    /// can act for users who used the server since start-up. Never persisted.
    var credentials: [String: DiscogsCredential] = [:]
    /// Looks up a credential for a user the refresher has not seen since start-up (the token vault).
    var credentialProvider: (@Sendable (String) async -> DiscogsCredential?)?
    /// The fleet's sync leases and this instance's name in them (PostgreSQL); nil for one instance.
    var leases: (repository: any SyncLeaseRepository, holder: String)?
    /// Told when a list's content changed (see `CollectionIndex+Announcements`).
    var changeHandler: ChangeHandler?

    public init(
        api: any DiscogsAPI,
        store: any CollectionIndexStore,
        configuration: CollectionIndexConfiguration = CollectionIndexConfiguration(),
        observer: any CollectionSyncObserver = IgnoreCollectionSyncs(),
        credentialProvider: (@Sendable (String) async -> DiscogsCredential?)? = nil,
        leases: (repository: any SyncLeaseRepository, holder: String)? = nil,
        onChange: ChangeHandler? = nil
    ) {
        self.leases = leases
        self.api = api
        self.store = store
        self.configuration = configuration
        self.observer = observer
        self.credentialProvider = credentialProvider
        self.changeHandler = onChange
    }

    /// Makes `list` usable for reading and says how complete it is.
    ///
    /// A list never fully synced starts (or resumes) its full sync at interactive priority and waits
    /// up to `waitBound`; past that the sync carries on in the background at background priority and
    /// the answer is marked partial. A complete but dated list starts a background refresh and is
    /// served as it is.
    public func prepare(
        username: String,
        list: IndexedList,
        credential: DiscogsCredential,
        waitBound: Duration? = nil,
        progress: (@Sendable (Int, Int) async -> Void)? = nil
    ) async throws -> IndexFreshness {
        let key = ListKey(username, list)
        credentials[key.username] = credential
        let state = try await store.syncState(username: key.username, list: list)
        if let state, state.hasCompleted {
            let age = configuration.now() - (state.refreshedAt ?? 0)
            if running[key] == nil, state.nextPage != nil || age > configuration.refreshOnReadAfter.seconds {
                _ = start(key, credential: credential, mode: state.nextPage != nil ? .full(restart: false) : .incremental, priority: .background)
            }
            return try await freshness(key)
        }
        let task = start(key, credential: credential, mode: .full(restart: false), priority: .interactive)
        _ = try await wait(for: task, key: key, bound: waitBound ?? configuration.waitBound, progress: progress)
        let freshness = try await freshness(key)
        if !freshness.isComplete, freshness.indexed == 0, let problem = freshness.problem, !freshness.syncInProgress {
            throw CollectionIndexError.syncFailed(problem)
        }
        return freshness
    }

    /// How complete and current the list is, without touching Discogs.
    public func freshness(username: String, list: IndexedList) async throws -> IndexFreshness {
        try await freshness(ListKey(username, list))
    }

    func freshness(_ key: ListKey) async throws -> IndexFreshness {
        let state = try await store.syncState(username: key.username, list: key.list)
        let indexed = try await store.count(username: key.username, list: key.list)
        return IndexFreshness(
            isComplete: state?.hasCompleted ?? false,
            indexed: indexed,
            expected: state?.remoteTotal ?? 0,
            syncInProgress: running[key] != nil,
            refreshedAt: state?.refreshedAt.map { Date(timeIntervalSince1970: $0) },
            problem: state?.lastError
        )
    }

    /// Searches the indexed rows (call `prepare` first to know how complete they are).
    public func search(_ query: IndexQuery) async throws -> IndexPage {
        try await store.search(query)
    }

    public func stats(username: String, list: IndexedList, top: Int = 10) async throws -> IndexStats {
        try await store.stats(username: username, list: list, top: top)
    }

    public func folders(username: String) async throws -> [IndexedFolder] {
        try await store.folders(username: username)
    }

    /// Brings the list up to date now: incremental by default, a full re-read with `full`.
    ///
    /// Joins a sync already running for the list rather than starting a second one.
    public func refresh(
        username: String,
        list: IndexedList,
        credential: DiscogsCredential,
        full: Bool = false,
        priority: RequestPriority = .interactive,
        progress: (@Sendable (Int, Int) async -> Void)? = nil
    ) async throws -> CollectionSyncReport {
        let key = ListKey(username, list)
        credentials[key.username] = credential
        let state = try await store.syncState(username: key.username, list: list)
        let mode: SyncMode =
            full
            ? .full(restart: state?.nextPage == nil) : (state?.hasCompleted == true && state?.nextPage == nil ? .incremental : .full(restart: false))
        let task = start(key, credential: credential, mode: mode, priority: priority)
        guard let report = try await wait(for: task, key: key, bound: nil, progress: progress) else {
            throw CancellationError()
        }
        return report
    }

    /// Stops the running sync of a list; its progress stays saved and the next sync resumes it.
    public func cancelSync(username: String, list: IndexedList) {
        running[ListKey(username, list)]?.cancel()
    }

    /// Remembers how to act for a user in background refreshes (in memory only).
    public func remember(username: String, credential: DiscogsCredential) {
        credentials[username.lowercased()] = credential
    }

    public func setCredentialProvider(_ provider: (@Sendable (String) async -> DiscogsCredential?)?) {
        credentialProvider = provider
    }

    /// Joins a fleet: background syncs run only under the list's lease in `repository`, held as
    /// `holder` (this instance).
    public func setLeases(_ repository: any SyncLeaseRepository, holder: String) {
        leases = (repository, holder)
    }
}

/// Why the index could not answer.
public enum CollectionIndexError: Error, Sendable, CustomStringConvertible {
    case syncFailed(String)

    public var description: String {
        switch self {
        case .syncFailed(let problem): "The collection could not be read from Discogs: \(problem)"
        }
    }
}
