import Foundation
import Storage

/// Caps how many Discogs logins one address may start per hour.
///
/// Every approved consent page costs a Discogs `request_token` call against the process-wide
/// budget of 60 a minute that tool calls live on; without a cap one address loading and
/// approving consent pages in a loop would spend it for everybody (issue 17). Sliding window,
/// in memory, bounded in the number of addresses it remembers.
public actor LoginStartLimiter {
    public let limit: Int
    public let window: TimeInterval
    private var starts: [String: [Date]] = [:]
    private let maximumAddresses: Int
    private let clock: ServerClock

    public init(perHour limit: Int, window: TimeInterval = 3600, maximumAddresses: Int = 50_000, clock: ServerClock = .continuous) {
        self.limit = max(1, limit)
        self.window = window
        self.maximumAddresses = maximumAddresses
        self.clock = clock
    }

    /// Counts a login start from `address`; nil when allowed, else seconds until one is allowed again.
    public func admit(_ address: String?) -> TimeInterval? {
        let key = address ?? "unknown"
        let current = clock.date
        let cutoff = current.addingTimeInterval(-window)
        var recent = (starts[key] ?? []).filter { $0 > cutoff }
        if recent.count >= limit, let oldest = recent.first {
            starts[key] = recent
            return max(1, oldest.addingTimeInterval(window).timeIntervalSince(current))
        }
        if starts[key] == nil, starts.count >= maximumAddresses {
            starts = starts.filter { $0.value.contains { $0 > cutoff } }
            // Still full: every remembered address started a login within the hour; refuse newcomers
            // for a minute rather than forget (which would reopen the budget to a rotating attacker).
            if starts.count >= maximumAddresses { return 60 }
        }
        recent.append(current)
        starts[key] = recent
        return nil
    }
}

/// A request context that knows the peer's address (the server's context does; test contexts need not).
public protocol ClientAddressProviding {
    var remoteIP: String? { get }
}
