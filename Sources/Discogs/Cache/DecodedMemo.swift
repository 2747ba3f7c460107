import Foundation

/// Decoded answers of cacheable reads, held in memory until their cache entry expires.
///
/// The SQLite response cache spares Discogs; this spares the decoding (and the database read) of
/// an answer asked for again and again, such as a release a model keeps looking at. Entries never
/// outlive the cached answer they were decoded from, and the client drops them on the same writes
/// and revocations that invalidate the cache. Bounded: the least recently used eighth goes when full.
struct DecodedMemo {
    /// A cached read (scope, method, path and query) and the type it was decoded as.
    struct Key: Hashable {
        var request: String
        var type: ObjectIdentifier
    }

    struct Entry {
        var value: any Sendable
        var path: String
        var scope: String
        var expiresAt: Date
        var lastUse: UInt64
    }

    let capacity: Int
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(8, capacity)
    }

    var count: Int { entries.count }

    /// The live value for `key` decoded as `T`, if any.
    mutating func value<T>(_ request: String, as type: T.Type, now: Date) -> T? {
        let key = Key(request: request, type: ObjectIdentifier(type))
        guard let entry = entries[key] else { return nil }
        guard now < entry.expiresAt, let value = entry.value as? T else {
            entries[key] = nil
            return nil
        }
        clock &+= 1
        entries[key]?.lastUse = clock
        return value
    }

    mutating func store<T: Sendable>(_ value: T, key request: String, path: String, scope: String, expiresAt: Date) {
        let key = Key(request: request, type: ObjectIdentifier(T.self))
        if entries.count >= capacity, entries[key] == nil { evict() }
        clock &+= 1
        entries[key] = Entry(value: value, path: path, scope: scope, expiresAt: expiresAt, lastUse: clock)
    }

    mutating func invalidate(pathPrefix: String) {
        entries = entries.filter { !$0.value.path.hasPrefix(pathPrefix) }
    }

    mutating func invalidate(scope: String) {
        entries = entries.filter { $0.value.scope != scope }
    }

    private mutating func evict() {
        let victims = entries.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(max(1, capacity / 8))
        for (key, _) in victims { entries[key] = nil }
    }
}
