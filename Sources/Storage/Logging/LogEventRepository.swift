import Foundation

/// The bounded table of log events, behind one protocol so either engine can hold it.
///
/// `LogSink` keeps the batching and the stderr line; a repository only stores, prunes and reads.
public protocol LogEventRepository: Sendable {
    /// Stores one event; when `prune` is given, also deletes events older than its cutoff and all
    /// but the newest `maximumRows`, in the same transaction.
    func insert(_ event: LogRecord, prune: LogPrune?) async throws
    /// The most recent stored events, newest first (`source` is not stored and comes back empty).
    func recent(limit: Int) async throws -> [LogRecord]
    func count() async throws -> Int
}

/// What a pruning insert removes.
public struct LogPrune: Sendable, Hashable {
    public var olderThan: Date
    public var maximumRows: Int

    public init(olderThan: Date, maximumRows: Int) {
        self.olderThan = olderThan
        self.maximumRows = maximumRows
    }
}

extension LogRecord {
    /// The metadata as sorted JSON text, the form both engines store.
    var metadataJSON: String {
        let data = (try? JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(data: data, encoding: .utf8) ?? "{}"
    }

    static func metadata(fromJSON text: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]) ?? [:]
    }
}
