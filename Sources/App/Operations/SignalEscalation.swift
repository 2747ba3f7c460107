import Dispatch
import Foundation
import Locking

/// Exits at once on the second SIGTERM/SIGINT, while the first one shuts down gracefully.
///
/// ServiceLifecycle handles the first signal; an operator who signals again wants the process
/// gone now, not after the grace period.
final class SignalEscalation: Sendable {
    private let sources: Locked<[any DispatchSourceSignal]>

    /// `onFirstSignal` is told which signal started the graceful shutdown (for the log).
    init(onFirstSignal: @escaping @Sendable (Int32) -> Void = { _ in }, onSecondSignal: @escaping @Sendable () -> Void = { exit(130) }) {
        let received = Locked(0)
        let made: [any DispatchSourceSignal] = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let count = received.withLock { value in
                    value += 1
                    return value
                }
                if count == 1 { onFirstSignal(number) }
                if count >= 2 { onSecondSignal() }
            }
            source.resume()
            return source
        }
        sources = Locked(made)
    }

    deinit {
        sources.withLock { list in
            for source in list { source.cancel() }
        }
    }
}
