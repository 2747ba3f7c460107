import Foundation
import Logging
import MCP
import Synchronization
import Testing

@testable import Transports

/// Issue 17 point 5 for stdio: one task per request, but never more than the cap at once.
@Suite("stdio in-flight cap")
struct StdioInFlightTests {
    @Test("requests beyond the cap are answered with error 429 at once; the running ones still finish", .timeLimit(.minutes(1)))
    func cap() async throws {
        let tool = HeldTool()
        let dispatcher = Dispatcher(identity: ServerIdentity(name: "t", title: "t", version: "1", instructions: ""), registry: ToolRegistry([tool]))
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        let transport = StdioTransport(
            dispatcher: dispatcher,
            caller: .anonymous,
            maximumLineBytes: 1 << 20,
            maximumInFlight: 2,
            logger: Logger(label: "test")
        )
        let (inputRead, inputWrite, outputRead, outputWrite) = (input[0], input[1], output[0], output[1])
        let running = Task { await transport.run(input: inputRead, output: outputWrite) }
        let lines = LineReader.lines(fileDescriptor: outputRead, maximumLength: 1 << 20)
        var replies = lines.makeAsyncIterator()

        func send(_ text: String) {
            let bytes = Array((text + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(inputWrite, $0.baseAddress, $0.count) }
        }
        func next() async throws -> JSONValue {
            guard case .line(let bytes)? = await replies.next() else { throw TestFailure("stdout ended") }
            return try JSONParser.parse(bytes)
        }

        send(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}"#)
        #expect(try await next()["id"] == 0)
        for id in 1...2 { send(#"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"held"}}"#) }
        await tool.waitForInside(2)
        send(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"held"}}"#)
        let refusal = try await next()
        #expect(refusal["id"] == 3)
        #expect(refusal["error"]?["code"] == 429)
        tool.open()
        var finished: Set<Int64> = []
        for _ in 0..<2 { if case .int(let id)? = try await next()["id"] { finished.insert(id) } }
        #expect(finished == [1, 2])
        send(#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"held"}}"#)
        #expect(try await next()["id"] == 4, "places free up as answers go out")
        close(inputWrite)
        await running.value
        close(inputRead)
        close(outputWrite)
        close(outputRead)
    }
}
