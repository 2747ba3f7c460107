extension Dictionary {
    /// Gives back the buckets of a dictionary that shrank below an eighth of its capacity.
    ///
    /// A Swift dictionary never shrinks by itself: after a burst of 5,000 streams, the session
    /// table would keep 5,000 entries' worth of empty buckets (~3 MB) for the life of the process.
    /// Rebuilding only at an eighth keeps removal amortised O(1).
    mutating func compactIfSparse() {
        guard capacity > 64, count * 8 < capacity else { return }
        var compact = Dictionary(minimumCapacity: count)
        for (key, value) in self { compact[key] = value }
        self = compact
    }
}
