import Foundation

/// Reads newline-delimited messages from a file descriptor on a dedicated thread.
///
/// The blocking `read` stays off Swift's cooperative pool; lines longer than `maximumLength`
/// are reported as `.tooLong` and skipped up to their newline, so a hostile client cannot make
/// the server buffer without bound.
enum LineReader {
    enum Line: Sendable {
        case line([UInt8])
        case tooLong
    }

    static func lines(fileDescriptor: Int32, maximumLength: Int) -> AsyncStream<Line> {
        let (stream, continuation) = AsyncStream<Line>.makeStream()
        let thread = Thread {
            var pending: [UInt8] = []
            var discarding = false
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                var start = 0
                for index in 0..<count where chunk[index] == UInt8(ascii: "\n") {
                    if discarding {
                        discarding = false
                    } else {
                        pending.append(contentsOf: chunk[start..<index])
                        continuation.yield(.line(pending))
                    }
                    pending.removeAll(keepingCapacity: true)
                    start = index + 1
                }
                if !discarding {
                    pending.append(contentsOf: chunk[start..<count])
                    if pending.count > maximumLength {
                        continuation.yield(.tooLong)
                        pending.removeAll()
                        discarding = true
                    }
                }
            }
            if !pending.isEmpty, !discarding { continuation.yield(.line(pending)) }
            continuation.finish()
        }
        thread.name = "stdio-reader"
        thread.start()
        return stream
    }
}
