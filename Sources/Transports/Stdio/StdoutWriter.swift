import Foundation
import MCP

/// Writes one compact JSON message per line to stdout, never interleaving two messages.
///
/// Nothing else may write to stdout in stdio mode: logs go to stderr.
actor StdoutWriter: MessageSink {
    private let fileDescriptor: Int32

    init(fileDescriptor: Int32 = STDOUT_FILENO) {
        self.fileDescriptor = fileDescriptor
    }

    func send(_ message: OutgoingMessage) async {
        write(message.encodedBytes)
    }

    func write(_ bytes: [UInt8]) {
        var line = bytes
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fileDescriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
