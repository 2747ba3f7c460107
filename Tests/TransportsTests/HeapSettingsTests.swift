import Testing

@testable import App

#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 point 6: the malloc settings `serve` applies so bursts of large buffers go back to the system.
@Suite("Heap settings")
struct HeapSettingsTests {
    #if canImport(Glibc)
    @Test(
        "a fixed mmap threshold maps large blocks even after glibc's dynamic threshold grew",
        .enabled(if: HeapSettings.glibcMalloc, "malloc is not glibc's (a sanitizer build)")
    )
    func fixedThresholdMapsLargeBlocks() throws {
        // Freeing a mapped 30 MiB block raises glibc's default threshold to 30 MiB, after which a
        // 16 MiB block comes from an arena (and its pages stay there after free). 16 MiB, since
        // an arena serves any size from a freed chunk that fits before it maps anything, and a
        // test process rarely holds a freed chunk that large.
        let large = try #require(malloc(30 << 20))
        try #require(HeapSettings.isMapped(large), "30 MiB is over glibc's starting threshold")
        free(large)
        #expect(HeapSettings.server.apply(), "mallopt took both settings")
        let block = try #require(malloc(16 << 20))
        defer { free(block) }
        #expect(HeapSettings.isMapped(block), "16 MiB is over the fixed 128 KiB threshold: a mapping of its own")
        let small = try #require(malloc(64 << 10))
        defer { free(small) }
        #expect(!HeapSettings.isMapped(small), "64 KiB stays in an arena")
    }

    #endif
}
