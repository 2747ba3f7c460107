import CHeap

/// The process's resident anonymous memory and the part of it the C allocator has handed out.
struct HeapUsage: Sendable, Equatable {
    var resident: Int
    var inUse: Int

    /// Resident memory that holds no live allocation (freed chunks the allocator kept, plus
    /// thread stacks and other anonymous mappings, which `HeapTrimPolicy` takes as its baseline).
    var slack: Int { max(0, resident - inUse) }
}

/// The C allocator, as far as giving memory back is concerned; `GlibcHeap` on Linux, a fake in tests.
protocol HeapAllocator: Sendable {
    /// Current usage, or nil where the allocator cannot tell.
    func usage() -> HeapUsage?
    /// Returns free pages to the kernel; false where the allocator cannot.
    @discardableResult func trim() -> Bool
}

/// glibc's malloc (through CHeap): `mallinfo2` for what is in use, `malloc_trim(0)` to give
/// free pages back. Elsewhere the usage is unknown and nothing is trimmed.
struct GlibcHeap: HeapAllocator {
    func usage() -> HeapUsage? {
        let inUse = cheap_bytes_in_use()
        guard inUse > 0, let resident = ProcessStats.residentAnonymousBytes() else { return nil }
        return HeapUsage(resident: resident, inUse: Int(inUse))
    }

    func trim() -> Bool {
        cheap_trim() != 0
    }
}
