import Testing

@testable import App

#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 point 6: the malloc settings `serve` applies so bursts of large buffers go back to the system.
@Suite("Heap settings")
struct HeapSettingsTests {
    #if canImport(Glibc)
    @Test("a fixed mmap threshold maps mid-sized blocks even after glibc's dynamic threshold grew")
    func fixedThresholdMapsMidSizedBlocks() throws {
        // Freeing a mapped 4 MiB block raises glibc's default threshold to 4 MiB, after which a
        // 256 KiB block comes from an arena (and stays resident after free, fragmenting it).
        let large = try #require(malloc(4 << 20))
        memset(large, 1, 4 << 20)
        free(large)
        #expect(HeapSettings.server.apply(), "mallopt took both settings")
        let block = try #require(malloc(256 << 10))
        defer { free(block) }
        #expect(HeapSettings.isMapped(block), "256 KiB is over the fixed 128 KiB threshold: a mapping of its own")
        let small = try #require(malloc(64 << 10))
        defer { free(small) }
        #expect(!HeapSettings.isMapped(small), "64 KiB stays in an arena")
    }

    #endif
}
