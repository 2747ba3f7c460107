// glibc's malloc statistics and trimming, which Swift's Glibc module does not export.
#include "CHeap.h"

#include <stdlib.h>  // defines __GLIBC__ on glibc

// A sanitizer brings its own malloc (glibc's statistics, settings and chunk headers then describe
// nothing this process allocates), so a sanitized build behaves as a C library without them.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define CHEAP_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CHEAP_SANITIZED 1
#endif

#if defined(__GLIBC__) && !defined(CHEAP_SANITIZED)
#include <malloc.h>

int cheap_is_glibc_malloc(void) { return 1; }

size_t cheap_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

int cheap_trim(void) {
    malloc_trim(0);
    return 1;
}

int cheap_configure(int mmap_threshold, int arena_max) {
    int applied = 1;
    if (mmap_threshold > 0) applied &= mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    if (arena_max > 0) applied &= mallopt(M_ARENA_MAX, arena_max);
    return applied;
}

int cheap_is_mapped(const void *block) {
    // glibc's chunk header: the size word before the block, bit 1 = IS_MMAPPED.
    return block != NULL && (((const size_t *)block)[-1] & 0x2) != 0;
}
#else
int cheap_is_glibc_malloc(void) { return 0; }
size_t cheap_bytes_in_use(void) { return 0; }
int cheap_trim(void) { return 0; }
int cheap_configure(int mmap_threshold, int arena_max) { return 0; }
int cheap_is_mapped(const void *block) { return 0; }
#endif
