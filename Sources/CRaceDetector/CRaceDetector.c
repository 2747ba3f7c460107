// ThreadSanitizer's annotations for a lock it cannot see (Swift's Mutex locks inside
// libswiftSynchronization, which is not instrumented); no-ops in every other build.
#include "CRaceDetector.h"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CRACEDETECTOR_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define CRACEDETECTOR_TSAN 1
#endif

#if defined(CRACEDETECTOR_TSAN)
// From the ThreadSanitizer runtime (compiler-rt's sanitizer/tsan_interface.h).
void __tsan_acquire(void *address);
void __tsan_release(void *address);

void race_detector_acquire(const void *address) { __tsan_acquire((void *)address); }
void race_detector_release(const void *address) { __tsan_release((void *)address); }
#else
void race_detector_acquire(const void *address) { (void)address; }
void race_detector_release(const void *address) { (void)address; }
#endif
