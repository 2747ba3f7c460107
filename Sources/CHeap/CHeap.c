// glibc's malloc statistics and trimming, which Swift's Glibc module does not export.
#include "CHeap.h"

#include <stdlib.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>

size_t cheap_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

int cheap_trim(void) {
    malloc_trim(0);
    return 1;
}
#else
size_t cheap_bytes_in_use(void) { return 0; }
int cheap_trim(void) { return 0; }
#endif
