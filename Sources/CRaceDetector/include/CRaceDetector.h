#ifndef CRACEDETECTOR_H
#define CRACEDETECTOR_H

/// Tells ThreadSanitizer that the calling thread acquired the lock identified by `address`:
/// what the last `race_detector_release` of that address published happens before what follows.
/// Does nothing in a build without ThreadSanitizer.
void race_detector_acquire(const void *address);

/// Tells ThreadSanitizer that the calling thread is about to release the lock identified by
/// `address`. Does nothing in a build without ThreadSanitizer.
void race_detector_release(const void *address);

#endif
