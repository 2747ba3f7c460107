import Foundation

/// The one way the server's actors read time: a `Clock` for deadlines, idle timeouts and sleeps,
/// and the wall-clock `Date`s derived from it for what is stored or shown.
///
/// Any `Clock` measured in `Duration` can be wrapped (the process's `ContinuousClock` in production,
/// a test's manual clock), so an actor holds one concrete type instead of becoming generic
/// itself: `SessionRegistry`, `TokenVault`, `LoginLinks` and `LogSink` would otherwise carry a
/// clock parameter into every type that names them.
///
/// Dates are derived in one way: `epoch` moved forward by the time the clock has run since the
/// wrapper was made. So a test that advances its clock by an hour sees dates an hour later. The
/// system clock (`.continuous`) is the one exception: its dates are read from the system's wall
/// clock on each call, so a wall-clock step after start (the first NTP sync of a fresh machine)
/// is followed instead of carried as an offset for the life of the process.
public struct ServerClock: Clock, Sendable {
    public typealias Duration = Swift.Duration

    /// A point in time: how long after the wrapper's creation.
    public struct Instant: InstantProtocol, Sendable {
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public static func + (lhs: Instant, rhs: Duration) -> Instant { lhs.advanced(by: rhs) }
        public static func - (lhs: Instant, rhs: Duration) -> Instant { Instant(offset: lhs.offset - rhs) }
        public static func - (lhs: Instant, rhs: Instant) -> Duration { rhs.duration(to: lhs) }
    }

    private let elapsed: @Sendable () -> Duration
    private let sleeper: @Sendable (_ deadline: Duration, _ tolerance: Duration?) async throws -> Void
    private let wallClock: @Sendable (_ elapsed: Duration) -> Date
    public let minimumResolution: Duration

    /// Wraps `clock`; dates start at `epoch` and move with the clock.
    public init<C: Clock>(_ clock: C, epoch: Date = Date()) where C.Duration == Duration {
        let origin = clock.now
        self.elapsed = { origin.duration(to: clock.now) }
        self.sleeper = { deadline, tolerance in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: tolerance) }
        self.wallClock = { elapsed in epoch.addingTimeInterval(elapsed.timeInterval) }
        self.minimumResolution = clock.minimumResolution
    }

    private init(continuous clock: ContinuousClock) {
        let origin = clock.now
        self.elapsed = { origin.duration(to: clock.now) }
        self.sleeper = { deadline, tolerance in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: tolerance) }
        self.wallClock = { _ in Date() }
        self.minimumResolution = clock.minimumResolution
    }

    /// The process's continuous clock, with dates from the system's wall clock.
    public static var continuous: ServerClock { ServerClock(continuous: ContinuousClock()) }

    public var now: Instant { Instant(offset: elapsed()) }

    /// The wall-clock date now.
    public var date: Date { wallClock(elapsed()) }

    /// The wall-clock date `duration` before now (a cutoff for what is older than `duration`).
    public func date(ago duration: Duration) -> Date {
        date.addingTimeInterval(-duration.timeInterval)
    }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await sleeper(deadline.offset, tolerance)
    }
}

extension Duration {
    /// The duration in seconds, with its fraction (`components.seconds` alone drops it).
    fileprivate var timeInterval: TimeInterval {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
