import Foundation
import Storage

/// How complete and current a user's index is, told alongside every answer drawn from it.
///
/// Tools turn this into words; a partial index is always labelled, never passed off as the whole.
public struct IndexFreshness: Sendable, Hashable {
    /// Whether every item Discogs reported has been indexed at least once.
    public var isComplete: Bool
    /// Rows indexed now.
    public var indexed: Int
    /// Items Discogs reported at the last look (0 before the first page).
    public var expected: Int
    /// Whether a sync or refresh is running for this list.
    public var syncInProgress: Bool
    /// The last completed sync or refresh.
    public var refreshedAt: Date?
    /// Why the last sync failed, if it did.
    public var problem: String?

    public init(isComplete: Bool, indexed: Int, expected: Int, syncInProgress: Bool, refreshedAt: Date?, problem: String? = nil) {
        self.isComplete = isComplete
        self.indexed = indexed
        self.expected = expected
        self.syncInProgress = syncInProgress
        self.refreshedAt = refreshedAt
        self.problem = problem
    }

    /// A sentence for a partial index ("indexed 2,300 of 10,000; …"), nil when complete.
    public var partialNotice: String? {
        guard !isComplete else { return nil }
        let of = expected > 0 ? " of \(expected.formatted())" : ""
        let continuing =
            syncInProgress
            ? "the sync continues in the background; call again in a minute for complete results"
            : "the sync stopped\(problem.map { " (\($0))" } ?? ""); call refresh_collection to continue it"
        return
            "PARTIAL: only \(indexed.formatted())\(of) indexed so far; \(continuing). Absence from these results does not mean the item is not owned."
    }
}

extension Int {
    /// "10,000" (grouped, locale-independent).
    func formatted() -> String {
        let digits = String(Swift.abs(self))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (self < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
