import MCP
import NIOCore

/// One unit written to a `text/event-stream` response.
public enum SSEFrame: Sendable, Hashable {
    /// An event; `data` must not contain newlines (our JSON never does).
    case event(id: String?, name: String?, data: [UInt8])
    /// A `:` comment line, used as keep-alive.
    case comment(String)
    /// Ends the stream after everything before it has been written.
    case end

    /// A JSON-RPC message as an SSE `message` event.
    public static func message(_ message: OutgoingMessage, id: String? = nil) -> SSEFrame {
        .event(id: id, name: "message", data: message.encodedBytes)
    }

    public static let keepAlive = SSEFrame.comment("keep-alive")

    /// The wire bytes of this frame; `nil` for `.end`.
    public var bytes: [UInt8]? {
        switch self {
        case .event(let id, let name, let data):
            var out: [UInt8] = []
            out.reserveCapacity(data.count + 40)
            if let name { out.append(contentsOf: "event: \(name)\n".utf8) }
            if let id { out.append(contentsOf: "id: \(id)\n".utf8) }
            out.append(contentsOf: "data: ".utf8)
            out.append(contentsOf: data)
            out.append(contentsOf: "\n\n".utf8)
            return out
        case .comment(let text):
            return Array(": \(text)\n\n".utf8)
        case .end:
            return nil
        }
    }
}
