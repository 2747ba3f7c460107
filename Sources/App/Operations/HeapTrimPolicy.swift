/// When to hand freed heap memory back to the kernel: a pure state machine, tested alone.
///
/// glibc keeps what a burst of closed streams freed (5,000 idle SSE streams: ~250 MB) in its
/// arenas, fragmented, so its own top-of-heap trimming never returns it and RSS stays at the
/// peak. `malloc_trim(0)` does return it, but walks every arena: worth calling only when
/// resident-but-unused heap ("slack": resident anonymous memory minus what malloc has handed
/// out) has grown by `threshold` since the last trim, and at most once per `minimumInterval`.
/// The baseline follows the lowest slack seen, so thread stacks and other anonymous memory
/// that is not the allocator's never count as growth.
struct HeapTrimPolicy: Sendable {
    /// Growth of slack (bytes) that warrants a trim.
    let threshold: Int
    /// The shortest time between two trims.
    let minimumInterval: Duration
    /// Slack right after the last trim, or the lowest seen since.
    private(set) var baseline: Int?
    private(set) var lastTrim: ContinuousClock.Instant?

    init(threshold: Int, minimumInterval: Duration) {
        self.threshold = threshold
        self.minimumInterval = minimumInterval
    }

    /// Whether to trim now, given the slack measured at `now`.
    mutating func shouldTrim(slack: Int, at now: ContinuousClock.Instant) -> Bool {
        let base = min(baseline ?? slack, slack)
        baseline = base
        guard slack - base >= threshold else { return false }
        if let lastTrim, now - lastTrim < minimumInterval { return false }
        return true
    }

    /// Records a trim done at `now` that left `slackAfter` bytes of slack.
    mutating func trimmed(slackAfter: Int, at now: ContinuousClock.Instant) {
        baseline = slackAfter
        lastTrim = now
    }
}
