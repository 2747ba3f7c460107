import Foundation
import MCP
import Testing

@Suite("JSON-RPC parsing")
struct JSONRPCParsingTests {
    func single(_ text: String) -> Result<JSONRPCMessage, InvalidMessage>? {
        if case .single(let result) = JSONRPCMessage.parse(Array(text.utf8)) { return result }
        return nil
    }

    @Test("ids of every legal type are kept exactly", arguments: [#""abc""#, "7", "-3", #""""#, "9007199254740993"])
    func ids(id: String) throws {
        let message = try #require(try single(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#)?.get())
        guard case .request(let request) = message else {
            Issue.record("not a request")
            return
        }
        let echoed = OutgoingMessage.result(id: request.id, [:]).encodedBytes
        #expect(String(decoding: echoed, as: UTF8.self) == #"{"jsonrpc":"2.0","id":\#(id),"result":{}}"#)
    }

    @Test(
        "malformed messages get the exact code",
        arguments: [
            (#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":{},"method":"ping"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, -32600),
            (#"{"jsonrpc":"1.0","id":1,"method":"ping"}"#, -32600),
            (#"{"id":1,"method":"ping"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1,"method":5}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1,"method":"x","params":[1]}"#, -32602),
            (#"{"jsonrpc":"2.0","id":1,"method":"x","params":"s"}"#, -32602),
            ("42", -32600),
            (#""text""#, -32600),
        ]
    )
    func invalid(text: String, code: Int) throws {
        let failure = try #require(single(text))
        guard case .failure(let invalid) = failure else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(invalid.error.code == code)
    }

    @Test("unparseable bodies are parse errors", arguments: ["", "{", "not json", "{\"a\":}", "\u{FF}\u{FE}", "deeply nested"])
    func unparseable(text: String) {
        // Built here rather than passed as an argument, so the test name stays short in the log.
        let body = text == "deeply nested" ? String(repeating: "[", count: 100_000) : text
        guard case .unparseable(let error) = JSONRPCMessage.parse(Array(body.utf8)) else {
            Issue.record("parsed \(text.prefix(20))")
            return
        }
        #expect(error.code == -32700)
    }

    @Test("invalid UTF-8 is a parse error")
    func invalidUTF8() {
        guard case .unparseable = JSONRPCMessage.parse([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) else {
            Issue.record("parsed invalid UTF-8")
            return
        }
    }

    @Test("notifications, responses and batches are told apart")
    func kinds() throws {
        if case .notification(let notification)? = try single(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)?.get() {
            #expect(notification.method == "notifications/initialized")
        } else {
            Issue.record("notification")
        }
        if case .response(let response)? = try single(#"{"jsonrpc":"2.0","id":3,"result":{"action":"accept"}}"#)?.get() {
            #expect(response.id == .int(3) && !response.isError && response.reply == .result(["action": "accept"]))
        } else {
            Issue.record("response")
        }
        guard
            case .batch(let items) = JSONRPCMessage.parse(Array(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"n"},7]"#.utf8))
        else {
            Issue.record("batch")
            return
        }
        #expect(items.count == 3)
        guard case .single(.failure) = JSONRPCMessage.parse(Array("[]".utf8)) else {
            Issue.record("empty batch accepted")
            return
        }
    }

    @Test("the writer escapes control characters and never emits raw newlines")
    func writer() {
        let value: JSONValue = ["text": "a\nb\u{1}\"\\é", "n": 1.5, "i": -2, "nan": .double(.nan)]
        let text = value.encodedString
        #expect(!text.contains("\n"))
        #expect(text == #"{"i":-2,"n":1.5,"nan":null,"text":"a\nb\u0001\"\\é"}"#)
    }
}
