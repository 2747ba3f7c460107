#ifndef CHEAP_H
#define CHEAP_H

#include <stddef.h>

/// 1 when malloc is glibc's own, so the functions below describe and steer it; 0 on another C
/// library or in a build with a sanitizer (which replaces malloc), where they do nothing.
int cheap_is_glibc_malloc(void);

/// What the C allocator has handed out: bytes in use in its arenas plus large blocks it mapped
/// on their own (glibc's mallinfo2 uordblks + hblkhd); 0 on a C library without mallinfo2.
size_t cheap_bytes_in_use(void);

/// Gives free pages of every arena back to the kernel (glibc's malloc_trim(0)); returns 0 on a
/// C library without it, 1 otherwise.
int cheap_trim(void);

/// Sets glibc's M_MMAP_THRESHOLD (a fixed value also turns off its dynamic growth) and
/// M_ARENA_MAX; a value <= 0 leaves that one alone. Returns 1 when every setting was taken,
/// 0 otherwise (or on a C library without mallopt).
int cheap_configure(int mmap_threshold, int arena_max);

/// 1 when glibc's malloc gave `block` a mapping of its own (so free unmaps it at once), else 0.
int cheap_is_mapped(const void *block);

#endif
