#ifndef CHEAP_H
#define CHEAP_H

#include <stddef.h>

/// What the C allocator has handed out: bytes in use in its arenas plus large blocks it mapped
/// on their own (glibc's mallinfo2 uordblks + hblkhd); 0 on a C library without mallinfo2.
size_t cheap_bytes_in_use(void);

/// Gives free pages of every arena back to the kernel (glibc's malloc_trim(0)); returns 0 on a
/// C library without it, 1 otherwise.
int cheap_trim(void);

#endif
