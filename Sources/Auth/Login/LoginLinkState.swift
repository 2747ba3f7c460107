import Foundation
import Logging
import Storage

/// Where `LoginLinks` keeps its links (by token digest), each session's live link, and the
/// sign-ins waiting on Discogs (by cookie-nonce digest).
public protocol LoginLinkState: Sendable {
    func link(_ key: String) async -> LoginLinks.Link?
    func putLink(_ key: String, _ link: LoginLinks.Link) async
    /// Removes and returns a link: of racing callers, one gets it.
    func takeLink(_ key: String) async -> LoginLinks.Link?
    func sessionLink(_ sessionID: String) async -> String?
    func putSessionLink(_ sessionID: String, key: String, expiresAt: Date) async
    /// Forgets the session's live link if it is still `key`.
    func removeSessionLink(_ sessionID: String, ifKey key: String) async
    func pending(_ key: String) async -> LoginLinks.Pending?
    func putPending(_ key: String, _ pending: LoginLinks.Pending) async
    func takePending(_ key: String) async -> LoginLinks.Pending?
    /// Drops what expired before `now`.
    func purge(now: Date) async
}

/// One instance's login links, in memory.
public actor MemoryLoginLinkState: LoginLinkState {
    private var links: [String: LoginLinks.Link] = [:]
    private var bySession: [String: String] = [:]
    private var pendings: [String: LoginLinks.Pending] = [:]

    public init() {}

    public func link(_ key: String) -> LoginLinks.Link? { links[key] }
    public func putLink(_ key: String, _ link: LoginLinks.Link) { links[key] = link }
    public func takeLink(_ key: String) -> LoginLinks.Link? { links.removeValue(forKey: key) }
    public func sessionLink(_ sessionID: String) -> String? { bySession[sessionID] }
    public func putSessionLink(_ sessionID: String, key: String, expiresAt: Date) { bySession[sessionID] = key }

    public func removeSessionLink(_ sessionID: String, ifKey key: String) {
        if bySession[sessionID] == key { bySession[sessionID] = nil }
    }

    public func pending(_ key: String) -> LoginLinks.Pending? { pendings[key] }
    public func putPending(_ key: String, _ pending: LoginLinks.Pending) { pendings[key] = pending }
    public func takePending(_ key: String) -> LoginLinks.Pending? { pendings.removeValue(forKey: key) }

    public func purge(now: Date) {
        for (key, link) in links where link.expiresAt <= now {
            links[key] = nil
            if bySession[link.sessionID] == key { bySession[link.sessionID] = nil }
        }
        for (key, value) in pendings where value.expiresAt <= now { pendings[key] = nil }
    }
}

/// A fleet's login links, in its database, sealed with the server secret (a link holds its code,
/// a pending sign-in the Discogs request-token secret). A database failure reads as "no link"
/// (the page says the link is gone) and is logged.
public struct FleetLoginLinkState: LoginLinkState {
    let repository: any FleetStateRepository
    let box: SecretBox
    let logger: Logger
    /// Dates what the database reads as expired; the same clock as the `LoginLinks` over it.
    let clock: ServerClock

    public init(repository: any FleetStateRepository, box: SecretBox, logger: Logger, clock: ServerClock = .continuous) {
        self.repository = repository
        self.box = box
        self.logger = logger
        self.clock = clock
    }

    public func link(_ key: String) async -> LoginLinks.Link? { await read("link:" + key) }
    public func putLink(_ key: String, _ link: LoginLinks.Link) async { await write("link:" + key, link, expiresAt: link.expiresAt) }
    public func takeLink(_ key: String) async -> LoginLinks.Link? { await read("link:" + key, taking: true) }
    public func sessionLink(_ sessionID: String) async -> String? { await read("session-link:" + sessionID) }

    public func putSessionLink(_ sessionID: String, key: String, expiresAt: Date) async {
        await write("session-link:" + sessionID, key, expiresAt: expiresAt)
    }

    public func removeSessionLink(_ sessionID: String, ifKey key: String) async {
        guard await sessionLink(sessionID) == key else { return }
        await attempt { try await repository.remove("session-link:" + sessionID) }
    }

    public func pending(_ key: String) async -> LoginLinks.Pending? { await read("link-pending:" + key) }
    public func putPending(_ key: String, _ pending: LoginLinks.Pending) async {
        await write("link-pending:" + key, pending, expiresAt: pending.expiresAt)
    }
    public func takePending(_ key: String) async -> LoginLinks.Pending? { await read("link-pending:" + key, taking: true) }

    public func purge(now: Date) async {
        await attempt { _ = try await repository.purge(before: now) }
    }

    private func write(_ key: String, _ value: some Encodable, expiresAt: Date) async {
        await attempt { try await repository.put(key, try box.seal(try JSONEncoder().encode(value), context: "fleet:" + key), expiresAt: expiresAt) }
    }

    private func read<T: Decodable>(_ key: String, taking: Bool = false) async -> T? {
        do {
            let now = clock.date
            guard let sealed = taking ? try await repository.take(key, now: now) : try await repository.get(key, now: now) else { return nil }
            return try JSONDecoder().decode(T.self, from: try box.open(sealed, context: "fleet:" + key))
        } catch {
            logger.error("could not read a login link from the database", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private func attempt(_ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            logger.error("could not write a login link to the database", metadata: ["error": "\(error)"])
        }
    }
}
