import CRaceDetector
import Synchronization

/// A value behind a `Mutex` that ThreadSanitizer can see: the one lock of this project.
///
/// On Linux, Swift's `Mutex` takes its lock inside libswiftSynchronization, which is not built
/// with ThreadSanitizer, so the detector sees no order between two critical sections and reports
/// every access a `Mutex` guards as a race (`scripts/tsan/MutexProbe.swift` shows it). `Locked`
/// tells the detector about each acquire and release (no-ops in every other build), so
/// `scripts/sanitize` checks the state it guards.
public struct Locked<Value: ~Copyable>: ~Copyable, Sendable {
    private let mutex: Mutex<Value>
    /// Its address names this lock to the detector.
    private let identity = Identity()

    public init(_ initialValue: consuming sending Value) {
        mutex = Mutex(initialValue)
    }

    /// Runs `body` with the value while holding the lock.
    public borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        let address = UnsafeRawPointer(Unmanaged.passUnretained(identity).toOpaque())
        return try mutex.withLock { (value: inout sending Value) throws(E) -> sending Result in
            race_detector_acquire(address)
            defer { race_detector_release(address) }
            return try body(&value)
        }
    }
}

/// An object whose address stays put while the lock lives.
private final class Identity: Sendable {}
