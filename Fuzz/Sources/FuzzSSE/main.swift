// The SSE framer and `Last-Event-ID` handling. Input: last-event-id NUL json. Properties: a framed
// message reads back (by the WHATWG event-stream rules) as exactly one `message` event carrying
// the JSON unchanged; a reconnect replays exactly the buffered events after the given id.
import Dispatch
import FuzzKit
import MCP
import Transports

/// Event-stream parsing as a browser does it: lines end at CR, LF or CRLF; a blank line ends an event.
func readEvents(_ bytes: [UInt8]) -> [(name: String?, id: String?, data: String)] {
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    var events: [(String?, String?, String)] = []
    var name: String?, id: String?, data: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.isEmpty {
            if !data.isEmpty { events.append((name, id, data.joined(separator: "\n"))) }
            (name, id, data) = (nil, nil, [])
            continue
        }
        let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts[0].isEmpty else { continue }
        var value = parts.count > 1 ? String(parts[1]) : ""
        if value.hasPrefix(" ") { value.removeFirst() }
        switch parts[0] {
        case "event": name = value
        case "id": id = value
        case "data": data.append(value)
        default: break
        }
    }
    return events
}

/// Replays a three-event outbox after `lastEventID` and returns the replayed event ids.
func replayedIDs(after lastEventID: String) -> [String] {
    nonisolated(unsafe) var ids: [String] = []
    let done = DispatchSemaphore(value: 0)
    Task {
        let outbox = SessionOutbox(capacity: 2, assignsEventIDs: true)
        for number in 1...3 { await outbox.send(.notification(method: "n\(number)", params: nil)) }
        if let (_, stream) = await outbox.attach(lastEventID: lastEventID) {
            await outbox.close()
            for await frame in stream {
                if case .event(let id, _, _) = frame, let id { ids.append(id) }
            }
        }
        done.signal()
    }
    done.wait()
    return ids
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let fields = inputFields(inputBytes(data, size), count: 2)
    if let value = try? JSONParser.parse(Array(fields[1].utf8)) {
        let message = OutgoingMessage.result(id: .int(7), value)
        guard let bytes = SSEFrame.message(message, id: "12").bytes else { return 0 }
        let events = readEvents(bytes)
        require(events.count == 1, "one message became \(events.count) events: \(fields[1])")
        require(events.first?.data == String(decoding: message.encodedBytes, as: UTF8.self), "data changed: \(fields[1])")
        require(events.first?.name == "message" && events.first?.id == "12", "name or id changed")
    }
    let replayed = replayedIDs(after: fields[0])
    // The buffer holds events 2 and 3; an id that is not a number replays nothing.
    let expected = Int(fields[0]).map { last in ["2", "3"].filter { Int($0)! > last } } ?? []
    require(replayed == expected, "Last-Event-ID \(fields[0]) replayed \(replayed)")
    return 0
}

runFuzzer(testOneInput)
