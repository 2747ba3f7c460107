import CHeap

/// glibc malloc settings for a long-running server, applied once at `serve` start (issue 10, point 6).
///
/// A fixed mmap threshold gives blocks of at least that size that no freed chunk of an arena can
/// hold a mapping of their own, which `free` unmaps at once; glibc's default (128 KiB, raised up
/// to 32 MiB each time a larger mapped block is freed) lets bursts of large buffers grow the
/// arenas instead. Fewer arenas keep the live blocks a burst leaves behind in fewer places, so
/// `HeapTrimService` can give more back.
struct HeapSettings: Sendable, Equatable {
    /// Blocks of at least this many bytes are mapped on their own; 0 leaves glibc's default.
    var mmapThreshold: Int
    /// At most this many malloc arenas; 0 leaves glibc's default (8 per core).
    var arenaMax: Int

    /// What `serve` applies (bench/README.md, "Load", has the measurements behind the values).
    static let server = HeapSettings(mmapThreshold: 128 << 10, arenaMax: 2)

    /// Sets both through `mallopt`; false when the C library refused one or has no `mallopt`.
    /// Call before the server starts threads: arenas created before stay (glibc
    /// fixes the limit once it has more than eight).
    @discardableResult
    func apply() -> Bool {
        cheap_configure(Int32(clamping: mmapThreshold), Int32(clamping: arenaMax)) != 0
    }

    /// Whether malloc is glibc's, which these settings and `isMapped` speak to (not in a build
    /// with a sanitizer, whose malloc replaces it).
    static var glibcMalloc: Bool { cheap_is_glibc_malloc() != 0 }

    /// Whether malloc gave `block` a mapping of its own (glibc; false elsewhere).
    static func isMapped(_ block: UnsafeRawPointer) -> Bool {
        cheap_is_mapped(block) != 0
    }
}
